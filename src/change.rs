//! The typed change model: the kinds of thing a workspace holds
//! ([`Entity`]), what is done to them ([`Action`]), and for each entity its
//! one [`Declaration`]: its table, how its audit events snapshot it, how
//! Undo puts it back, which rows elsewhere depend on it, and which claims
//! its events concern.
//!
//! Undo, the History, bundles and the audit log read these declarations
//! instead of keeping lists of their own, so adding an entity is one
//! variant, one declaration here and the module that owns its writes
//! (ARCHITECTURE.md has the checklist). `Entity::declaration` is an
//! exhaustive `match`: an entity without a declaration does not compile,
//! and `store::rows` tests each declaration against the schema.
//!
//! Both enums are stored as the strings the audit log has always held
//! ("claim_link", "undo_propose"), so existing workspaces, bundles and the
//! hash chain stay valid. Reading tolerates strings this build does not
//! know (a newer desk's bundle): they parse to `Err` and are shown as they
//! are, never undone.

use std::fmt;
use std::str::FromStr;

/// Defines a string-backed enum with `as_str`, `ALL`, `Display` and
/// `FromStr`, each variant's stored form written once.
macro_rules! named {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant,)* }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The form stored in the audit log.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = Unknown;
            fn from_str(s: &str) -> Result<Self, Unknown> {
                match s {
                    $($text => Ok($name::$variant),)*
                    other => Err(Unknown(other.to_owned())),
                }
            }
        }
    };
}

/// A stored name this build does not know (an event from a newer desk).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown name “{0}”")]
pub struct Unknown(pub String);

named! {
    /// A kind of thing the audit log records changes to. Parents come
    /// before the rows that refer to them.
    pub enum Entity {
        User = "user",
        Settings = "settings",
        Outlet = "outlet",
        Person = "person",
        Article = "article",
        Revision = "revision",
        /// What a journalist corrected in an article's metadata.
        ArticleCorrection = "article_correction",
        Claim = "claim",
        Appearance = "appearance",
        ClaimLink = "claim_link",
        Storyline = "storyline",
        Verdict = "verdict",
        Evidence = "evidence",
        Comment = "comment",
        MergeConflict = "merge_conflict",
        SavedSearch = "saved_search",
        /// A merged bundle as a whole.
        Bundle = "bundle",
        /// The benchmark's generated corpus.
        Bench = "bench",
    }
}

named! {
    /// What a change did, without its Undo/Redo [`Mode`].
    pub enum Verb {
        Create = "create",
        Update = "update",
        Delete = "delete",
        Assign = "assign",
        Unassign = "unassign",
        Propose = "propose",
        Approve = "approve",
        Reopen = "reopen",
        Place = "place",
        Reanchor = "reanchor",
        AddClaim = "add_claim",
        RemoveClaim = "remove_claim",
        Reorder = "reorder",
        Credibility = "credibility",
        AddAlias = "add_alias",
        RemoveAlias = "remove_alias",
        Merge = "merge",
        AdoptUrl = "adopt_url",
        Revise = "revise",
        DismissSuggestion = "dismiss_suggestion",
        RestoreSuggestion = "restore_suggestion",
        /// A tracked claim's candidate reappearance said not to be the same.
        DismissReappearance = "dismiss_reappearance",
        RestoreReappearance = "restore_reappearance",
        SwitchUser = "switch_user",
        Import = "import",
        Settle = "settle",
        SettleConflict = "settle_conflict",
        Generate = "generate",
        /// A colleague's pinned signing key forgotten (`store/signing.rs`).
        ForgetKey = "forget_key",
        /// A workspace joined to a team hub, or left it (`hub/`).
        Join = "join",
        Leave = "leave",
    }
}

/// Whether an action is a change itself or the reversal of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Do,
    /// `undo_<verb>`: the reversal of a change.
    Undo,
    /// `redo_<verb>`: the reversal of an Undo.
    Redo,
}

/// An audit event's action: a verb, done, undone or redone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Action {
    pub verb: Verb,
    pub mode: Mode,
}

impl Action {
    /// What reverses this action: Undo for a change, Redo for an Undo,
    /// Undo again for a Redo.
    pub fn inverse(self) -> Action {
        let mode = match self.mode {
            Mode::Do | Mode::Redo => Mode::Undo,
            Mode::Undo => Mode::Redo,
        };
        Action { mode, ..self }
    }
}

impl From<Verb> for Action {
    fn from(verb: Verb) -> Action {
        Action {
            verb,
            mode: Mode::Do,
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.mode {
            Mode::Do => write!(f, "{}", self.verb),
            Mode::Undo => write!(f, "undo_{}", self.verb),
            Mode::Redo => write!(f, "redo_{}", self.verb),
        }
    }
}

impl FromStr for Action {
    type Err = Unknown;
    fn from_str(s: &str) -> Result<Action, Unknown> {
        let (mode, verb) = if let Some(rest) = s.strip_prefix("undo_") {
            (Mode::Undo, rest)
        } else if let Some(rest) = s.strip_prefix("redo_") {
            (Mode::Redo, rest)
        } else {
            (Mode::Do, s)
        };
        let verb = verb.parse().map_err(|_| Unknown(s.to_owned()))?;
        Ok(Action { verb, mode })
    }
}

/// Everything the generic code knows about one entity.
#[derive(Debug)]
pub struct Declaration {
    pub entity: Entity,
    /// What a person calls it in a sentence ("link" for a claim link).
    pub noun: &'static str,
    /// Its table (one row an entity, keyed by `id`), or None when it is
    /// not a row (settings, a bundle as a whole).
    pub table: Option<&'static str>,
    /// How its events snapshot it (`before`/`after`), or None when its
    /// events carry only what the change names.
    pub snapshot: Option<Snapshot>,
    /// Which of its changes Undo reverses.
    pub undo: Undo,
    /// Rows elsewhere that depend on it: they go (or leave a list) when it
    /// is deleted, and they keep Undo from removing it again.
    pub dependents: &'static [Dependent],
    /// Which claims its events concern (a claim's History).
    pub claims: ClaimsOf,
}

/// A snapshot: columns of the entity's row, and lists from child tables.
#[derive(Debug)]
pub struct Snapshot {
    /// Columns as stored; Undo writes them back.
    pub columns: &'static [&'static str],
    /// Columns Undo writes only when it puts a removed row back (an
    /// outlet's name), never over a row that exists.
    pub insert_only: &'static [&'static str],
    /// Columns an older snapshot may lack, filled when a row is put back.
    pub defaults: &'static [(&'static str, Fill)],
    /// Columns derived from others, written whenever Undo writes the row.
    pub derived: &'static [(&'static str, Fill)],
    pub lists: &'static [List],
    /// Undo only updates the row; it never inserts or deletes one.
    pub update_only: bool,
}

impl Snapshot {
    /// The row's `columns`, nothing else: no lists, defaults or derived
    /// columns, and Undo may insert and delete the row.
    pub const fn of(columns: &'static [&'static str]) -> Snapshot {
        Snapshot {
            columns,
            insert_only: &[],
            defaults: &[],
            derived: &[],
            lists: &[],
            update_only: false,
        }
    }
}

/// What fills a column Undo writes without a value from the snapshot.
#[derive(Debug, Clone, Copy)]
pub enum Fill {
    /// The acting user.
    Actor,
    /// The write's time.
    Now,
    /// SQL NULL.
    Null,
    /// The sort key of the time in the named column (`stated_ts`).
    SortKeyOf(&'static str),
}

/// Rows of a child table, kept in a snapshot under `key` as a JSON list:
/// of the one field's values, or of objects with the fields.
#[derive(Debug)]
pub struct List {
    pub key: &'static str,
    pub table: &'static str,
    /// The child's column naming the entity.
    pub parent: &'static str,
    pub fields: &'static [&'static str],
    pub order_by: &'static str,
    /// The column numbering the rows from 0, when their order is kept.
    pub position: Option<&'static str>,
}

/// Which changes Undo reverses.
#[derive(Debug)]
pub enum Undo {
    Any,
    /// Only these verbs; the others are refused with the reason.
    Only(&'static [Verb], &'static str),
    /// None, for the reason given.
    Never(&'static str),
}

/// Rows that depend on an entity.
#[derive(Debug)]
pub struct Dependent {
    /// What they are, in a sentence ("evidence items").
    pub what: &'static str,
    pub table: &'static str,
    /// SQL condition naming the entity's id as `?1`.
    pub condition: &'static str,
    pub on_delete: OnDelete,
}

#[derive(Debug)]
pub enum OnDelete {
    /// Deleted with it (by the schema's cascade); each is audited first as
    /// a `delete` of `entity`, in `order_by` order.
    Delete {
        entity: Entity,
        order_by: &'static str,
    },
    /// The owner named by `owner` (a storyline) loses it from its `key`
    /// list: audited as `verb` on `entity`.
    LeaveList {
        entity: Entity,
        owner: &'static str,
        key: &'static str,
        verb: Verb,
    },
    /// Nothing deletes it today; it only keeps Undo from removing the
    /// entity it depends on.
    Keep,
}

/// Which claims an event about the entity concerns.
#[derive(Debug)]
pub enum ClaimsOf {
    /// The entity is the claim.
    Itself,
    /// The claims named by these fields of its snapshots.
    Fields(&'static [&'static str]),
    /// The claims a change added to or removed from this list.
    ListChange(&'static str),
}

const CREATED: &[(&str, Fill)] = &[("created_by", Fill::Actor), ("created_at", Fill::Now)];
const CREATED_AT: &[(&str, Fill)] = &[("created_at", Fill::Now)];
const IMPORTING: &str = "Importing cannot be undone; the article and its history stay.";

impl Entity {
    /// This entity's declaration.
    pub fn declaration(self) -> &'static Declaration {
        match self {
            Entity::User => &USER,
            Entity::Settings => &SETTINGS,
            Entity::Outlet => &OUTLET,
            Entity::Person => &PERSON,
            Entity::Article => &ARTICLE,
            Entity::Revision => &REVISION,
            Entity::ArticleCorrection => &ARTICLE_CORRECTION,
            Entity::Claim => &CLAIM,
            Entity::Appearance => &APPEARANCE,
            Entity::ClaimLink => &CLAIM_LINK,
            Entity::Storyline => &STORYLINE,
            Entity::Verdict => &VERDICT,
            Entity::Evidence => &EVIDENCE,
            Entity::Comment => &COMMENT,
            Entity::MergeConflict => &MERGE_CONFLICT,
            Entity::SavedSearch => &SAVED_SEARCH,
            Entity::Bundle => &BUNDLE,
            Entity::Bench => &BENCH,
        }
    }

    /// The entity whose rows live in `table`.
    pub fn of_table(table: &str) -> Option<Entity> {
        Entity::ALL
            .iter()
            .copied()
            .find(|e| e.declaration().table == Some(table))
    }
}

/// Claimtrail's users: added and switched, never undone.
static USER: Declaration = Declaration {
    entity: Entity::User,
    noun: "user",
    table: Some("users"),
    snapshot: None,
    undo: Undo::Never("Adding or switching users cannot be undone."),
    dependents: &[],
    claims: ClaimsOf::Fields(&[]),
};

static SETTINGS: Declaration = Declaration {
    entity: Entity::Settings,
    noun: "settings",
    table: None,
    snapshot: None,
    undo: Undo::Never("Switching users or changing the organisation cannot be undone."),
    dependents: &[],
    claims: ClaimsOf::Fields(&[]),
};

/// `outlets.rs`: only the credibility rating (and creation) is undone.
static OUTLET: Declaration = Declaration {
    entity: Entity::Outlet,
    noun: "outlet",
    table: Some("outlets"),
    snapshot: Some(Snapshot {
        insert_only: &["name"],
        defaults: CREATED_AT,
        ..Snapshot::of(&["credibility", "credibility_note"])
    }),
    undo: Undo::Only(
        &[Verb::Create, Verb::Credibility],
        "Changes to outlet cannot be undone.",
    ),
    dependents: &[
        Dependent {
            what: "articles",
            table: "articles",
            condition: "outlet_id = ?1",
            on_delete: OnDelete::Keep,
        },
        Dependent {
            what: "attributions",
            table: "attribution_steps",
            condition: "outlet_id = ?1",
            on_delete: OnDelete::Keep,
        },
        Dependent {
            what: "corrected articles",
            table: "article_corrections",
            condition: "outlet_id = ?1",
            on_delete: OnDelete::Keep,
        },
    ],
    claims: ClaimsOf::Fields(&[]),
};

/// `persons.rs`: creation and other names are undone; a merge is not.
static PERSON: Declaration = Declaration {
    entity: Entity::Person,
    noun: "person",
    table: Some("persons"),
    snapshot: Some(Snapshot {
        defaults: CREATED_AT,
        ..Snapshot::of(&["name"])
    }),
    undo: Undo::Only(
        &[Verb::Create, Verb::AddAlias, Verb::RemoveAlias],
        "Merging persons or changing their names cannot be undone here.",
    ),
    dependents: &[
        Dependent {
            what: "claims",
            table: "claims",
            condition: "claimant_id = ?1",
            on_delete: OnDelete::Keep,
        },
        Dependent {
            what: "appearances",
            table: "appearances",
            condition: "speaker_id = ?1",
            on_delete: OnDelete::Keep,
        },
        Dependent {
            what: "attributions",
            table: "attribution_steps",
            condition: "person_id = ?1",
            on_delete: OnDelete::Keep,
        },
        Dependent {
            what: "merged persons",
            table: "persons",
            condition: "merged_into = ?1",
            on_delete: OnDelete::Keep,
        },
        Dependent {
            what: "other names",
            table: "person_aliases",
            condition: "person_id = ?1",
            on_delete: OnDelete::Keep,
        },
    ],
    claims: ClaimsOf::Fields(&[]),
};

/// `articles.rs`: imports stay.
static ARTICLE: Declaration = Declaration {
    entity: Entity::Article,
    noun: "article",
    table: Some("articles"),
    snapshot: None,
    undo: Undo::Never(IMPORTING),
    dependents: &[],
    claims: ClaimsOf::Fields(&[]),
};

static REVISION: Declaration = Declaration {
    entity: Entity::Revision,
    noun: "revision",
    table: Some("revisions"),
    snapshot: None,
    undo: Undo::Never(IMPORTING),
    dependents: &[],
    claims: ClaimsOf::Fields(&[]),
};

/// `articles::correct`: one row an article, laid over its revisions.
static ARTICLE_CORRECTION: Declaration = Declaration {
    entity: Entity::ArticleCorrection,
    noun: "correction",
    table: Some("article_corrections"),
    snapshot: Some(Snapshot {
        defaults: CREATED,
        derived: &[
            ("updated_at", Fill::Now),
            ("published_ts", Fill::SortKeyOf("published_at")),
        ],
        ..Snapshot::of(&[
            "article_id",
            "title",
            "byline",
            "published_at",
            "dateline",
            "outlet_id",
            "created_by",
            "created_at",
        ])
    }),
    undo: Undo::Any,
    dependents: &[],
    claims: ClaimsOf::Fields(&[]),
};

/// `claims/`. Its dependents are listed in the order a deletion audits
/// them: evidence (which may name an appearance) before appearances,
/// comments before verdicts, so Undo, walking back, restores parents first.
static CLAIM: Declaration = Declaration {
    entity: Entity::Claim,
    noun: "claim",
    table: Some("claims"),
    snapshot: Some(Snapshot {
        defaults: CREATED,
        derived: &[("updated_at", Fill::Now)],
        lists: &[List {
            key: "tags",
            table: "claim_tags",
            parent: "claim_id",
            fields: &["tag"],
            order_by: "tag",
            position: None,
        }],
        ..Snapshot::of(&[
            "statement",
            "claimant_id",
            "condition",
            "note",
            "review_state",
            "assignee_id",
            "reopen_reason",
            "created_by",
            "created_at",
        ])
    }),
    undo: Undo::Any,
    dependents: &[
        Dependent {
            what: "evidence items",
            table: "evidence",
            condition: "claim_id = ?1",
            on_delete: OnDelete::Delete {
                entity: Entity::Evidence,
                order_by: "id",
            },
        },
        Dependent {
            what: "comments",
            table: "comments",
            condition: "claim_id = ?1",
            // Replies before what they answer.
            on_delete: OnDelete::Delete {
                entity: Entity::Comment,
                order_by: "parent_id IS NULL, id DESC",
            },
        },
        Dependent {
            what: "verdicts",
            table: "verdicts",
            condition: "claim_id = ?1",
            on_delete: OnDelete::Delete {
                entity: Entity::Verdict,
                order_by: "id",
            },
        },
        Dependent {
            what: "appearances",
            table: "appearances",
            condition: "claim_id = ?1",
            on_delete: OnDelete::Delete {
                entity: Entity::Appearance,
                order_by: "id",
            },
        },
        Dependent {
            what: "links",
            table: "claim_links",
            condition: "from_claim_id = ?1 OR to_claim_id = ?1",
            on_delete: OnDelete::Delete {
                entity: Entity::ClaimLink,
                order_by: "id",
            },
        },
        Dependent {
            what: "storyline places",
            table: "storyline_claims",
            condition: "claim_id = ?1",
            on_delete: OnDelete::LeaveList {
                entity: Entity::Storyline,
                owner: "storyline_id",
                key: "claim_ids",
                verb: Verb::RemoveClaim,
            },
        },
        Dependent {
            what: "review moves (it was assigned)",
            table: "claims",
            condition: "id = ?1 AND review_state <> 'unreviewed'",
            on_delete: OnDelete::Keep,
        },
    ],
    claims: ClaimsOf::Itself,
};

static APPEARANCE: Declaration = Declaration {
    entity: Entity::Appearance,
    noun: "appearance",
    table: Some("appearances"),
    snapshot: Some(Snapshot {
        defaults: CREATED,
        derived: &[("stated_ts", Fill::SortKeyOf("stated_at"))],
        lists: &[List {
            key: "attribution",
            table: "attribution_steps",
            parent: "appearance_id",
            fields: &["person_id", "outlet_id", "role", "cue"],
            order_by: "position",
            position: Some("position"),
        }],
        ..Snapshot::of(&[
            "claim_id",
            "revision_id",
            "start",
            "end",
            "exact",
            "prefix",
            "suffix",
            "kind",
            "speaker_id",
            "stated_at",
            "venue",
            "anchor_state",
            "anchor_confidence",
            "candidate_revision_id",
            "candidate_start",
            "candidate_end",
            "previous_exact",
            "created_by",
            "created_at",
        ])
    }),
    undo: Undo::Any,
    dependents: &[Dependent {
        what: "evidence items",
        table: "evidence",
        condition: "appearance_id = ?1",
        on_delete: OnDelete::Keep,
    }],
    claims: ClaimsOf::Fields(&["claim_id"]),
};

/// `links.rs`.
static CLAIM_LINK: Declaration = Declaration {
    entity: Entity::ClaimLink,
    noun: "link",
    table: Some("claim_links"),
    snapshot: Some(Snapshot {
        defaults: CREATED,
        ..Snapshot::of(&[
            "from_claim_id",
            "to_claim_id",
            "relation",
            "note",
            "related_at",
            "created_by",
            "created_at",
        ])
    }),
    undo: Undo::Any,
    dependents: &[],
    claims: ClaimsOf::Fields(&["from_claim_id", "to_claim_id"]),
};

/// `storylines.rs`.
static STORYLINE: Declaration = Declaration {
    entity: Entity::Storyline,
    noun: "storyline",
    table: Some("storylines"),
    snapshot: Some(Snapshot {
        defaults: CREATED_AT,
        lists: &[List {
            key: "claim_ids",
            table: "storyline_claims",
            parent: "storyline_id",
            fields: &["claim_id"],
            order_by: "position",
            position: Some("position"),
        }],
        ..Snapshot::of(&["name", "description", "created_at"])
    }),
    undo: Undo::Any,
    dependents: &[],
    // A rename concerns no claim.
    claims: ClaimsOf::ListChange("claim_ids"),
};

/// `review.rs`.
static VERDICT: Declaration = Declaration {
    entity: Entity::Verdict,
    noun: "verdict",
    table: Some("verdicts"),
    snapshot: Some(Snapshot::of(&[
        "claim_id",
        "rating",
        "rationale",
        "proposed_by",
        "proposed_at",
        "approved_by",
        "approved_at",
    ])),
    undo: Undo::Any,
    dependents: &[],
    claims: ClaimsOf::Fields(&["claim_id"]),
};

/// `review.rs`.
static EVIDENCE: Declaration = Declaration {
    entity: Entity::Evidence,
    noun: "evidence",
    table: Some("evidence"),
    snapshot: Some(Snapshot::of(&[
        "claim_id",
        "kind",
        "article_id",
        "appearance_id",
        "url",
        "path",
        "note",
        "added_by",
        "added_at",
    ])),
    undo: Undo::Any,
    dependents: &[],
    claims: ClaimsOf::Fields(&["claim_id"]),
};

/// `comments.rs`.
static COMMENT: Declaration = Declaration {
    entity: Entity::Comment,
    noun: "comment",
    table: Some("comments"),
    snapshot: Some(Snapshot::of(&[
        "claim_id",
        "parent_id",
        "author_id",
        "body",
        "created_at",
        "edited_at",
    ])),
    undo: Undo::Any,
    dependents: &[Dependent {
        what: "replies",
        table: "comments",
        condition: "parent_id = ?1",
        on_delete: OnDelete::Keep,
    }],
    claims: ClaimsOf::Fields(&["claim_id"]),
};

/// `bundle.rs`: a settlement is undone; the conflict row itself stays.
static MERGE_CONFLICT: Declaration = Declaration {
    entity: Entity::MergeConflict,
    noun: "merge conflict",
    table: Some("merge_conflicts"),
    snapshot: Some(Snapshot {
        // A settlement's `before` names only `settled_at`: the rest of an
        // update-only snapshot is filled as NULL.
        update_only: true,
        ..Snapshot::of(&["settled_by", "settled_at"])
    }),
    undo: Undo::Any,
    dependents: &[],
    claims: ClaimsOf::Fields(&["claim_id"]),
};

/// `saved_searches.rs`: a search a desk keeps by name.
static SAVED_SEARCH: Declaration = Declaration {
    entity: Entity::SavedSearch,
    noun: "saved search",
    table: Some("saved_searches"),
    snapshot: Some(Snapshot {
        defaults: CREATED,
        ..Snapshot::of(&["name", "query", "created_by", "created_at"])
    }),
    undo: Undo::Any,
    dependents: &[],
    claims: ClaimsOf::Fields(&[]),
};

static BUNDLE: Declaration = Declaration {
    entity: Entity::Bundle,
    noun: "bundle",
    table: None,
    snapshot: None,
    // Reversed row by row from what the merge kept (`unmerge.rs`).
    undo: Undo::Any,
    dependents: &[],
    claims: ClaimsOf::Fields(&[]),
};

static BENCH: Declaration = Declaration {
    entity: Entity::Bench,
    noun: "bench",
    table: None,
    snapshot: None,
    undo: Undo::Never("Changes to bench cannot be undone."),
    dependents: &[],
    claims: ClaimsOf::Fields(&[]),
};

impl Declaration {
    /// Why Undo cannot reverse `verb` on this entity, if it cannot.
    pub fn refuses_undo(&self, verb: Verb) -> Option<&'static str> {
        match self.undo {
            Undo::Any => None,
            Undo::Only(verbs, _) if verbs.contains(&verb) => None,
            Undo::Only(_, reason) | Undo::Never(reason) => Some(reason),
        }
    }

    /// The claims an event about `id` concerns, from its snapshots.
    pub fn claims_of(
        &self,
        id: &str,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
    ) -> Vec<String> {
        self.claims.claims(id, before, after)
    }
}

impl ClaimsOf {
    /// The claims an event about `id` concerns under this rule.
    pub fn claims(
        &self,
        id: &str,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
    ) -> Vec<String> {
        let mut claims: Vec<String> = match self {
            ClaimsOf::Itself => vec![id.to_owned()],
            ClaimsOf::Fields(fields) => fields
                .iter()
                .flat_map(|name| {
                    [after, before]
                        .into_iter()
                        .flatten()
                        .filter_map(move |v| v[*name].as_str().map(str::to_owned))
                })
                .collect(),
            ClaimsOf::ListChange(key) => {
                let ids = |v: Option<&serde_json::Value>| -> Vec<String> {
                    v.and_then(|v| v[key].as_array())
                        .map(|a| {
                            a.iter()
                                .filter_map(|c| c.as_str().map(str::to_owned))
                                .collect()
                        })
                        .unwrap_or_default()
                };
                let (old, new) = (ids(before), ids(after));
                old.iter()
                    .filter(|c| !new.contains(c))
                    .chain(new.iter().filter(|c| !old.contains(c)))
                    .cloned()
                    .collect()
            }
        };
        claims.sort();
        claims.dedup();
        claims
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_reads_back_as_itself() {
        for e in Entity::ALL {
            assert_eq!(e.as_str().parse::<Entity>(), Ok(*e), "{e} round-trips");
            assert_eq!(
                e.declaration().entity,
                *e,
                "{e}'s declaration is its own, not another entity's"
            );
        }
        for v in Verb::ALL {
            for mode in [Mode::Do, Mode::Undo, Mode::Redo] {
                let action = Action { verb: *v, mode };
                assert_eq!(
                    action.to_string().parse::<Action>(),
                    Ok(action),
                    "{action} round-trips"
                );
            }
        }
    }

    #[test]
    fn stored_forms_are_the_ones_the_audit_log_has_always_held() {
        // Existing workspaces and bundles hold these strings, and the hash
        // chain covers them: renaming a variant's stored form breaks both.
        assert_eq!(Entity::ClaimLink.as_str(), "claim_link");
        assert_eq!(Entity::MergeConflict.as_str(), "merge_conflict");
        let undo: Action = "undo_remove_claim".parse().expect("a known action");
        assert_eq!(undo.verb, Verb::RemoveClaim);
        assert_eq!(undo.mode, Mode::Undo);
        assert_eq!(undo.inverse().to_string(), "redo_remove_claim");
        assert_eq!(undo.inverse().inverse().to_string(), "undo_remove_claim");
        assert!(
            "undo_fly".parse::<Action>().is_err(),
            "unknown verbs are not guessed"
        );
        assert!("starship".parse::<Entity>().is_err());
    }

    #[test]
    fn the_claims_an_event_concerns() {
        use serde_json::json;
        let link = Entity::ClaimLink.declaration();
        let before = json!({"from_claim_id": "b", "to_claim_id": "a"});
        assert_eq!(link.claims_of("l", Some(&before), None), ["a", "b"]);
        let storyline = Entity::Storyline.declaration();
        let before = json!({"name": "x", "claim_ids": ["a", "b"]});
        let after = json!({"name": "x", "claim_ids": ["b", "c"]});
        assert_eq!(
            storyline.claims_of("s", Some(&before), Some(&after)),
            ["a", "c"],
            "a storyline change concerns the claims it added or removed"
        );
        let renamed = json!({"name": "y", "claim_ids": ["a", "b"]});
        assert!(storyline
            .claims_of("s", Some(&before), Some(&renamed))
            .is_empty());
        assert_eq!(
            Entity::Claim.declaration().claims_of("c", None, None),
            ["c"]
        );
    }
}

//! The hub's admin work, done with the hub owner's address (`ADMIN_URL`):
//! creating or upgrading the schema (`init`, the append-only migrations in
//! `migrations/hub/`) and the team's members. Each member is a PostgreSQL
//! login role in the hub's team group, and a row of `members` giving the
//! user id their changes carry and their role on the team.

use sqlx::postgres::PgPool;

use super::{connect, explain, Address, Member, Role};
use crate::store::users::{clean_name, initials_of, COLORS};
use crate::store::{new_id, Result, StoreError};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/hub");

/// The hub's tables; a database holding others is not used.
const OURS: [&str; 4] = ["_sqlx_migrations", "members", "changes", "authorship"];

async fn admin(url: &str) -> Result<(Address, PgPool)> {
    let address = Address::parse(url)?;
    let pool = connect(&address, address.password.as_deref()).await?;
    Ok((address, pool))
}

/// Creates the hub schema in an empty database, or brings an existing hub
/// up to date; running it again changes nothing. Returns how many
/// migrations it applied.
pub async fn init(admin_url: &str) -> Result<usize> {
    let (address, pool) = admin(admin_url).await?;
    let others: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = 'public' AND NOT (table_name = ANY($1))",
    )
    .bind(&OURS[..])
    .fetch_all(&pool)
    .await
    .map_err(|e| explain(&address, &e))?;
    if !others.is_empty() {
        pool.close().await;
        return Err(StoreError::Conflict(format!(
            "The database at {} holds other tables ({}); a hub needs a database of its own. Create an empty one (createdb claimtrail_team) and give its address.",
            address.place(),
            others.join(", ")
        )));
    }
    let before: i64 = applied(&pool).await;
    MIGRATOR.run(&pool).await.map_err(|e| {
        StoreError::Hub(format!(
            "The hub schema could not be created at {}: {e}. The admin address must be the database's owner, allowed to create roles.",
            address.place()
        ))
    })?;
    let after = applied(&pool).await;
    pool.close().await;
    Ok((after - before) as usize)
}

async fn applied(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations")
        .fetch_one(pool)
        .await
        .unwrap_or(0)
}

fn check_login(login: &str) -> Result<()> {
    let ok = !login.is_empty()
        && login.len() <= 63
        && login
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-'))
        && login.starts_with(|c: char| c.is_ascii_lowercase());
    if ok {
        Ok(())
    } else {
        Err(StoreError::invalid_field(
            "login",
            format!("“{login}” cannot be a login: use lower-case letters, digits, “_”, “.” or “-”, beginning with a letter (at most 63)."),
        ))
    }
}

/// Adds a journalist to the team: their login role (with the password)
/// and their member row. Adding a login that exists sets its password and
/// role again.
pub async fn add_user(
    admin_url: &str,
    name: &str,
    login: &str,
    role: Role,
    password: &str,
) -> Result<Member> {
    check_login(login)?;
    let name = clean_name(name)?;
    if password.chars().count() < 8 {
        return Err(StoreError::invalid_field(
            "password",
            "A hub password has at least 8 characters.",
        ));
    }
    let (address, pool) = admin(admin_url).await?;
    let fail = |e: sqlx::Error| explain(&address, &e);
    let mut tx = pool.begin().await.map_err(fail)?;
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)")
            .bind(login)
            .fetch_one(&mut *tx)
            .await
            .map_err(fail)?;
    let verb = if exists { "ALTER" } else { "CREATE" };
    role_statement(
        &mut tx,
        &format!("SELECT format('{verb} ROLE %I LOGIN PASSWORD %L', $1::text, $2::text)"),
        &[login, password],
    )
    .await
    .map_err(fail)?;
    role_statement(
        &mut tx,
        "SELECT format('GRANT %I TO %I', claimtrail_team_role(), $1::text)",
        &[login],
    )
    .await
    .map_err(fail)?;
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM members")
        .fetch_one(&mut *tx)
        .await
        .map_err(fail)?;
    let member: Member = sqlx::query_as(concat!(
        "INSERT INTO members (login, user_id, name, initials, color, role)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (login) DO UPDATE SET name = excluded.name, role = excluded.role,
                                           removed_at = NULL
         RETURNING ",
        super::member_columns!()
    ))
    .bind(login)
    .bind(new_id())
    .bind(&name)
    .bind(initials_of(&name))
    .bind(COLORS[count as usize % COLORS.len()])
    .bind(role.as_str())
    .fetch_one(&mut *tx)
    .await
    .map_err(fail)?;
    tx.commit().await.map_err(fail)?;
    pool.close().await;
    Ok(member)
}

/// Runs a role statement. Such statements take no parameters, so the
/// server quotes the names and the password into it first (`format_sql`
/// is a `SELECT format(…)` over `args` as $1, $2, …).
async fn role_statement(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    format_sql: &str,
    args: &[&str],
) -> std::result::Result<(), sqlx::Error> {
    let mut query = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(format_sql.to_owned()));
    for arg in args {
        query = query.bind(*arg);
    }
    let statement = query.fetch_one(&mut **tx).await?;
    sqlx::query(sqlx::AssertSqlSafe(statement))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The team's members.
pub async fn list_users(admin_url: &str) -> Result<Vec<Member>> {
    let (address, pool) = admin(admin_url).await?;
    let members = super::sync::members(&pool, &address).await;
    pool.close().await;
    members
}

/// Takes a member off the team: their login can no longer sign in and
/// their past changes stay in the log under their name.
pub async fn remove_user(admin_url: &str, login: &str) -> Result<()> {
    let (address, pool) = admin(admin_url).await?;
    let fail = |e: sqlx::Error| explain(&address, &e);
    let mut tx = pool.begin().await.map_err(fail)?;
    let done = sqlx::query(
        "UPDATE members SET removed_at = now() WHERE login = $1 AND removed_at IS NULL",
    )
    .bind(login)
    .execute(&mut *tx)
    .await
    .map_err(fail)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(format!("team member {login}")));
    }
    role_statement(
        &mut tx,
        "SELECT format('ALTER ROLE %I NOLOGIN', $1::text)",
        &[login],
    )
    .await
    .map_err(fail)?;
    tx.commit().await.map_err(fail)?;
    pool.close().await;
    Ok(())
}

/// Changes a member's role.
pub async fn set_role(admin_url: &str, login: &str, role: Role) -> Result<Member> {
    let (address, pool) = admin(admin_url).await?;
    let member: Option<Member> = sqlx::query_as(concat!(
        "UPDATE members SET role = $2 WHERE login = $1 AND removed_at IS NULL RETURNING ",
        super::member_columns!()
    ))
    .bind(login)
    .bind(role.as_str())
    .fetch_optional(&pool)
    .await
    .map_err(|e| explain(&address, &e))?;
    pool.close().await;
    member.ok_or_else(|| StoreError::NotFound(format!("team member {login}")))
}

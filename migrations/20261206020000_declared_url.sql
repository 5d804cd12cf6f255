-- An address a source gave for itself that is not a web address (a
-- `javascript:` link in front matter, markup in a page's og:url) is kept
-- here as it was, never as the revision's `url`, which exports link to.
ALTER TABLE revisions ADD COLUMN declared_url TEXT;

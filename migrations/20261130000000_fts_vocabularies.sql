-- Issue 7: a word typed halfway ("hovs"*) is the slowest kind of search at
-- 100,000 articles, because FTS5 expands a prefix in full before it returns
-- a row, and search used to do that twice per index (once to count the
-- matches, once to list them). The vocabulary of an index says in a few
-- milliseconds how many rows the prefix's completions are in, which is
-- enough to choose between ranking and newest first (src/search.rs,
-- `order_for`). fts5vocab tables are views over the index: they store
-- nothing. article_fts_vocab exists since 20261127100000_search.sql.
CREATE VIRTUAL TABLE claim_fts_vocab USING fts5vocab(claim_fts, 'row');
CREATE VIRTUAL TABLE appearance_fts_vocab USING fts5vocab(appearance_fts, 'row');

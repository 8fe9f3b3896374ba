-- The ledger's outcome filter (GET /api/v1/ledger/entries?outcome=…). Answered exchanges are nearly every entry, so
-- reading them in seq order finds a page at once; refusals are a few per cent or less, and without an index a page of
-- them means reading much of the ledger. Only refused entries are indexed, so appending an answered exchange (the hot
-- path) pays nothing. LedgerService.list writes its predicate exactly so, with the value as a literal: only then does
-- the planner see that the index applies.
create index ledger_entry_refused on ledger_entry (seq) where jsonb_extract_path_text(entry, 'outcome') = 'REFUSED';

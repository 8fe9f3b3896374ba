-- Catalogue search, Latin words. Bigrams of English text are few and common ("re", "on", "ti" are in nearly every
-- resource), so an English query intersected posting lists as long as the catalogue. The service now also indexes
-- every trigram of three consecutive [0-9a-z] characters (SearchText.grams) and looks an ASCII word of three or more
-- characters up by its trigrams; rows written before get theirs here, computed the same way from search_text (which
-- is already normalised: NFKC, lower case). The character class is spelled out so no locale can widen a range.
--
-- The index is dropped for the rewrite and built again after it: one bulk build instead of a GIN insert of some
-- hundred keys per row. The rewrite changes no business state, so the authorisation caches need no notice of it.
drop index catalog_resource_search_grams;
alter table catalog_resource disable trigger catalog_resource_changed;
update catalog_resource r
   set search_grams = array(
           select g from unnest(r.search_grams) g
           union
           select substr(w.run[1], i, 3)
             from regexp_matches(r.search_text, '[0123456789abcdefghijklmnopqrstuvwxyz]{3,}', 'g') w(run),
                  generate_series(1, length(w.run[1]) - 2) i);
alter table catalog_resource enable trigger catalog_resource_changed;

-- fastupdate off: with it on, new entries wait in a pending list that every search scans in full until a vacuum
-- or a write crossing gin_pending_list_limit (4 MB) merges it, so search latency after a burst of publishing grew
-- with the burst. Catalogue writes are rare and small; they pay the index insert at once instead.
create index catalog_resource_search_grams on catalog_resource using gin (search_grams) with (fastupdate = off);

-- Catalogue search. Chinese has no spaces and a two-character query such as 身份 has no trigram, so the hub indexes
-- character unigrams and bigrams of the searchable text itself (written by the service) in a GIN array index; the
-- candidate rows are then checked with LIKE on the normalised text.
alter table catalog_resource
    add column search_text  text   not null default '',
    add column search_grams text[] not null default '{}';
create index catalog_resource_search_grams on catalog_resource using gin (search_grams);
create index catalog_resource_updated on catalog_resource (updated_at desc, id desc);

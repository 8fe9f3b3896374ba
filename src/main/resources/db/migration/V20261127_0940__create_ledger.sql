-- The exchange ledger. Entries are insert-only: the triggers below refuse UPDATE, DELETE and TRUNCATE for every
-- role, so neither the application nor an operator can quietly change history.
create table ledger_entry (
    seq                    bigint       generated always as identity primary key,
    entry_id               uuid         not null unique,   -- the exchangeId of EXCHANGE entries
    kind                   varchar(16)  not null,
    at                     timestamptz  not null,
    requester_department   varchar(32),
    provider_department    varchar(32),
    resource_id            varchar(20),
    hmac_key_id            varchar(16),
    entry                  jsonb        not null           -- the entry as exported, without leafIndex and leafHash
);
create index ledger_entry_requester on ledger_entry (requester_department, seq);
create index ledger_entry_provider on ledger_entry (provider_department, seq);
create index ledger_entry_resource on ledger_entry (resource_id, seq);

create function ledger_entry_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'ledger entries are append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger ledger_entry_no_update_or_delete
    before update or delete on ledger_entry
    for each row execute function ledger_entry_append_only();

create trigger ledger_entry_no_truncate
    before truncate on ledger_entry
    for each statement execute function ledger_entry_append_only();

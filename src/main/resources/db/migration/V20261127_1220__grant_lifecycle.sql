-- Grant lifecycle (R25 Art. 27): suspension with a rectification deadline, resumption, revocation, expiry, and the
-- requester's disposal attestation once the grant is over.
alter table access_grant
    add column status_reason           text,
    add column fix_by                  date,
    add column disposal_method         text,
    add column disposal_completed_on   date,
    add column disposal_statement      text,
    add column disposal_attested_by    varchar(200),
    add column disposal_attested_at    timestamptz;

-- Every status change of a grant, with who did it and why; never updated or deleted.
create table grant_event (
    id           uuid         primary key,
    grant_id     uuid         not null references access_grant (id),
    at           timestamptz  not null,
    actor        varchar(200) not null,
    department   varchar(32),
    action       varchar(24)  not null,
    from_status  varchar(16)  not null,
    to_status    varchar(16)  not null,
    reason       text,
    fix_by       date
);
create index grant_event_grant on grant_event (grant_id, at);

-- R25 Art. 29 / NDSR Art. 12: the requester's usage record per grant, kept at least 3 years; no delete path.
create table grant_usage_record (
    id            uuid         primary key,
    grant_id      uuid         not null references access_grant (id),
    department    varchar(32)  not null references department (id),
    recorded_by   varchar(200) not null,
    recorded_at   timestamptz  not null,
    scenario      text         not null,
    process       text         not null,
    results       text         not null,
    storage       text         not null,
    destruction   text         not null
);
create index grant_usage_record_grant on grant_usage_record (grant_id, recorded_at);

-- The expiry job looks for ACTIVE grants past their validity.
create index access_grant_expiry on access_grant (status, valid_until);

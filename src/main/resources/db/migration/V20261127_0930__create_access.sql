-- Access requests (共享申请) and the grants their approval creates.
create table access_request (
    id                    uuid         primary key,
    resource_id           varchar(20)  not null references catalog_resource (id),
    requester_department  varchar(32)  not null references department (id),
    provider_department   varchar(32)  not null references department (id),
    client_id             varchar(200),
    filed_by              varchar(200) not null,
    items                 jsonb        not null,
    legal_basis           text         not null,
    scenario              text         not null,
    purpose               text         not null,
    mode                  varchar(8)   not null,
    valid_until           date         not null,
    status                varchar(24)  not null,
    endorsed_by           varchar(200),
    endorsed_at           timestamptz,
    clock_started_on      date,
    due_at                date,
    decided_by            varchar(200),
    decided_at            timestamptz,
    decision_reason       text,
    missing               jsonb,
    approved_terms        jsonb,                  -- the provider's approval, held while CORE awaits the authority
    grant_id              uuid,
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null,
    row_version           integer      not null default 0
);
create index access_request_requester on access_request (requester_department, created_at desc);
create index access_request_provider on access_request (provider_department, created_at desc);

create table access_grant (
    id                      uuid         primary key,
    request_id              uuid         not null unique references access_request (id),
    resource_id             varchar(20)  not null references catalog_resource (id),
    requester_department    varchar(32)  not null references department (id),
    provider_department     varchar(32)  not null references department (id),
    client_id               varchar(200),
    items                   jsonb        not null,
    row_scope               text,
    raw_items               jsonb        not null,
    purpose                 text         not null,
    mode                    varchar(8)   not null,
    valid_from              date         not null,
    valid_until             date         not null,
    rate_limit_per_minute   integer      not null,
    status                  varchar(16)  not null,
    created_at              timestamptz  not null,
    updated_at              timestamptz  not null,
    row_version             integer      not null default 0
);
create index access_grant_lookup on access_grant (requester_department, resource_id, status);

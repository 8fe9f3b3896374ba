-- Objections (数据异议, R25 Art. 26) and the dispute ladder they may climb (R25 Art. 28).
create table objection (
    id                    uuid         primary key,
    type                  varchar(24)  not null,
    resource_id           varchar(20)  not null references catalog_resource (id),
    record_key            varchar(200),
    related_request_id    uuid         references access_request (id),
    related_grant_id      uuid         references access_grant (id),
    description           text         not null,
    filer_department      varchar(32)  not null references department (id),
    filed_by              varchar(200) not null,
    handling_department   varchar(32)  not null references department (id),
    status                varchar(16)  not null,
    filed_at              timestamptz  not null,
    reply_clock_started_on date        not null,
    reply_due_at          date         not null,
    reply                 text,
    corrected             boolean,
    replied_by            varchar(200),
    replied_department    varchar(32)  references department (id),
    replied_at            timestamptz,
    reply_late            boolean,
    rating                smallint     check (rating between 1 and 5),
    resolved              boolean,
    rating_comment        text,
    rated_by              varchar(200),
    rated_at              timestamptz,
    dispute_step          varchar(32),
    closed_at             timestamptz,
    updated_at            timestamptz  not null,
    row_version           integer      not null default 0
);
create index objection_filer on objection (filer_department, filed_at desc);
create index objection_handler on objection (handling_department, filed_at desc);
-- "Is this resource under verification?" is asked on every catalogue read: only open objections are indexed.
create index objection_open_resource on objection (resource_id) where status <> 'RESOLVED';
-- The compliance report looks for replies past due per handling department.
create index objection_reply_due on objection (handling_department, reply_due_at) where status = 'OPEN';

-- Every hand-over to another department, with the due date each side was held to.
create table objection_transfer (
    id                    uuid         primary key,
    objection_id          uuid         not null references objection (id),
    from_department       varchar(32)  not null references department (id),
    to_department         varchar(32)  not null references department (id),
    reason                text         not null,
    transferred_by        varchar(200) not null,
    transferred_at        timestamptz  not null,
    previous_due_at       date         not null,
    new_due_at            date         not null
);
create index objection_transfer_objection on objection_transfer (objection_id, transferred_at);
create index objection_transfer_from on objection_transfer (from_department);

-- One row per dispute step: who brought the dispute there and, later, what came of it.
create table objection_dispute_step (
    id                    uuid         primary key,
    objection_id          uuid         not null references objection (id),
    step                  varchar(32)  not null,
    note                  text         not null,
    opened_by             varchar(200) not null,
    opened_department     varchar(32)  not null references department (id),
    opened_at             timestamptz  not null,
    outcome               varchar(16),
    outcome_note          text,
    outcome_by            varchar(200),
    outcome_department    varchar(32)  references department (id),
    outcome_at            timestamptz,
    unique (objection_id, step)
);

-- One extension of the answer period per request (R25 Art. 21) and the delivery deadline after approval (Art. 22).
alter table access_request
    add column original_due_at   date,
    add column extended_by       varchar(200),
    add column extended_at       timestamptz,
    add column extension_days    integer,
    add column extension_reason  text,
    add column delivery_due_at   date;

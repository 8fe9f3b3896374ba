-- Departments (政务部门): the parties of every request, grant and exchange.
create table department (
    id          varchar(32)  primary key,
    code        varchar(18)  not null unique check (char_length(code) = 18), -- 统一社会信用代码; check character validated by the service
    name        varchar(200) not null,
    name_en     varchar(200),
    authority   boolean      not null default false,
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now()
);

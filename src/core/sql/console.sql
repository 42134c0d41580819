-- Copyright 2026 The BFG Integration Console authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The console's own tables, schema version 1. The scenario tables come
-- from scenario.sql; both run in one transaction when a workspace is made.

-- Key/value facts of the session: storage, auth and tenant modes, the
-- target adapter, the rollback owner and the release environment.
create table session_metadata (
  key    text primary key,
  value  text not null
);

create table provider_contracts (
  provider_id   text primary key,
  position      integer not null,
  title         text not null,
  description   text not null,
  current_mode  text not null,
  target_mode   text not null
);

create table environments (
  environment_id  text primary key,
  position        integer not null,
  title           text not null,
  adapter         text not null,
  status          text not null check (status in ('active', 'planned')),
  description     text not null
);

-- Non-secret settings, such as the endpoint's host, port and user.
-- Secrets never land here: they live in the Secret Service.
create table settings (
  key         text primary key,
  value       text not null,
  updated_at  text not null
);

-- The audit trail: append-only and hash-chained (see bfg-audit.c).
create table audit_events (
  seq        integer primary key,
  time       text not null,
  actor_id   text not null,
  action     text not null,
  check_id   text,
  detail     text,
  prev_hash  text not null,
  hash       text not null
);

create trigger audit_events_no_update before update on audit_events
begin
  select raise (abort, 'audit events are append-only');
end;

create trigger audit_events_no_delete before delete on audit_events
begin
  select raise (abort, 'audit events are append-only');
end;

-- Evidence behind a check: a note, a chosen value, a probe or dry-run
-- step. checksum is what an acceptance of this evidence binds.
create table evidence (
  evidence_id  integer primary key,
  check_id     text not null,
  actor_id     text not null references users (user_id),
  kind         text not null
               check (kind in ('note', 'choice', 'probe', 'dryrun')),
  passed       integer not null check (passed in (0, 1)),
  value        text,
  detail       text,
  checksum     text not null,
  recorded_at  text not null,
  audit_seq    integer not null references audit_events (seq)
);

create index evidence_check on evidence (check_id, evidence_id);

create table acceptances (
  acceptance_id   integer primary key,
  check_id        text not null,
  actor_id        text not null references users (user_id),
  evidence_id     integer references evidence (evidence_id),
  bound_value     text,
  bound_checksum  text not null,
  note            text,
  accepted_at     text not null,
  audit_seq       integer not null references audit_events (seq),
  revoked_at      text,
  revoked_by      text references users (user_id),
  revoke_seq      integer references audit_events (seq)
);

create index acceptances_check on acceptances (check_id, acceptance_id);

-- At most one active acceptance per check.
create unique index acceptances_active on acceptances (check_id)
  where revoked_at is null;

create table probe_runs (
  run_id       integer primary key,
  started_at   text not null,
  finished_at  text,
  actor_id     text not null references users (user_id),
  endpoint     text not null,
  passed       integer,
  transcript   text,
  audit_seq    integer references audit_events (seq)
);

create table dry_run_runs (
  run_id             integer primary key,
  started_at         text not null,
  finished_at        text,
  actor_id           text not null references users (user_id),
  target             text not null,
  passed             integer,
  transcript         text,
  transcript_sha256  text,
  audit_seq          integer references audit_events (seq)
);

create table exports (
  export_id        integer primary key,
  exported_at      text not null,
  actor_id         text not null references users (user_id),
  directory        text not null,
  manifest_sha256  text not null,
  audit_seq        integer references audit_events (seq)
);

-- Counters kept by triggers, so that status reads row counts and the data
-- version in constant time however large the scenario grows. The operations
-- generator (bfg-demo-ops.c) drops the <table>_counted_insert and
-- _counted_delete triggers of the four operations tables inside its own
-- transaction, recreates them from sqlite_master and sets the counters once;
-- keep those names if the triggers change.
create table scenario_state (
  key    text primary key,
  value  integer not null
);

insert into scenario_state (key, value) values
  ('data_version', 0),
  ('rows.tenants', 0),
  ('rows.users', 0),
  ('rows.user_permissions', 0),
  ('rows.orders', 0),
  ('rows.driver_events', 0),
  ('rows.finance_events', 0),
  ('rows.documents', 0);

create trigger tenants_counted_insert after insert on tenants
begin
  update scenario_state set value = value + 1
    where key in ('data_version', 'rows.tenants');
end;

create trigger tenants_counted_delete after delete on tenants
begin
  update scenario_state set value = value + 1 where key = 'data_version';
  update scenario_state set value = value - 1 where key = 'rows.tenants';
end;

create trigger tenants_counted_update after update on tenants
begin
  update scenario_state set value = value + 1 where key = 'data_version';
end;

create trigger users_counted_insert after insert on users
begin
  update scenario_state set value = value + 1
    where key in ('data_version', 'rows.users');
end;

create trigger users_counted_delete after delete on users
begin
  update scenario_state set value = value + 1 where key = 'data_version';
  update scenario_state set value = value - 1 where key = 'rows.users';
end;

create trigger users_counted_update after update on users
begin
  update scenario_state set value = value + 1 where key = 'data_version';
end;

create trigger user_permissions_counted_insert after insert on user_permissions
begin
  update scenario_state set value = value + 1
    where key in ('data_version', 'rows.user_permissions');
end;

create trigger user_permissions_counted_delete after delete on user_permissions
begin
  update scenario_state set value = value + 1 where key = 'data_version';
  update scenario_state set value = value - 1 where key = 'rows.user_permissions';
end;

create trigger user_permissions_counted_update after update on user_permissions
begin
  update scenario_state set value = value + 1 where key = 'data_version';
end;

create trigger orders_counted_insert after insert on orders
begin
  update scenario_state set value = value + 1
    where key in ('data_version', 'rows.orders');
end;

create trigger orders_counted_delete after delete on orders
begin
  update scenario_state set value = value + 1 where key = 'data_version';
  update scenario_state set value = value - 1 where key = 'rows.orders';
end;

create trigger orders_counted_update after update on orders
begin
  update scenario_state set value = value + 1 where key = 'data_version';
end;

create trigger driver_events_counted_insert after insert on driver_events
begin
  update scenario_state set value = value + 1
    where key in ('data_version', 'rows.driver_events');
end;

create trigger driver_events_counted_delete after delete on driver_events
begin
  update scenario_state set value = value + 1 where key = 'data_version';
  update scenario_state set value = value - 1 where key = 'rows.driver_events';
end;

create trigger driver_events_counted_update after update on driver_events
begin
  update scenario_state set value = value + 1 where key = 'data_version';
end;

create trigger finance_events_counted_insert after insert on finance_events
begin
  update scenario_state set value = value + 1
    where key in ('data_version', 'rows.finance_events');
end;

create trigger finance_events_counted_delete after delete on finance_events
begin
  update scenario_state set value = value + 1 where key = 'data_version';
  update scenario_state set value = value - 1 where key = 'rows.finance_events';
end;

create trigger finance_events_counted_update after update on finance_events
begin
  update scenario_state set value = value + 1 where key = 'data_version';
end;

create trigger documents_counted_insert after insert on documents
begin
  update scenario_state set value = value + 1
    where key in ('data_version', 'rows.documents');
end;

create trigger documents_counted_delete after delete on documents
begin
  update scenario_state set value = value + 1 where key = 'data_version';
  update scenario_state set value = value - 1 where key = 'rows.documents';
end;

create trigger documents_counted_update after update on documents
begin
  update scenario_state set value = value + 1 where key = 'data_version';
end;

/* bfg-plan.c: the readiness plan, declared once
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every section, check, decision and recommended action of the console is
 * a row of a table in this file. Nothing else in the program declares a
 * check: the engine evaluates these rows, the UI and bfgctl show them.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bfg-plan.h"

#define L(...) ((const char * const []) { __VA_ARGS__, NULL })

#define ANNA  "user_md_anna"
#define MAREK "user_dispatcher_marek"
#define OLENA "user_accountant_olena"

#define SIGN     "decisions.sign"
#define DISPATCH "dispatch.accept"
#define FINANCE  "finance.accept"

#define WIRING "db-auth-session-adapter."

static const BfgSectionInfo sections[] = {
  { "providers", N_("Provider contracts"),
    N_("Every external dependency has a local mode for the demo and a named "
       "production replacement."), NULL, NULL },
  { "gates", N_("Integration gates"),
    N_("The nine gates that must be ready before the DB/auth cutover."),
    NULL, "production" },
  { "provider-acceptance", N_("Provider selection acceptance"),
    N_("The managing director accepts the live provider, the auth owner and "
       "the tenant boundary before live wiring."), NULL, "production" },
  { "infrastructure", N_("Infrastructure decision"),
    N_("Hosting, region, runtime ownership and the secrets and backup "
       "boundary, chosen and accepted."), NULL, "wiring" },
  { "wiring", N_("Guarded DB/auth wiring"),
    N_("Local contract wiring can start after the infrastructure is "
       "accepted; production traffic stays disabled until live "
       "credentials."), NULL, "wiring" },
  { "cutover-checklist", N_("DB/auth migration checklist"),
    N_("Each owner rehearses their cutover step and records evidence."),
    NULL, NULL },
  { "decision-board", N_("Adapter decision board"),
    N_("The adapter, environment, secrets, schema, migration, rollback and "
       "approvals before the production cutover."), NULL, NULL },
  { "runbook", N_("Migration runbook"),
    N_("A portable SQL/RLS outline and operator checklist to replay the "
       "snapshot into the selected adapter."), NULL, "runbook" },
  { "data-cutover", N_("Data cutover"),
    N_("The runbook as evidence per batch for tenants, operations, finance "
       "and audit before live DB/auth."), NULL, "data-cutover" },
  { "data-batches", N_("Data batches"),
    N_("The batches a dry-run replay must verify."), "data-cutover", NULL },
  { "connection", N_("Adapter connection"),
    N_("The redacted endpoint, TLS, RBAC session and write probe, recorded "
       "without storing secrets."), NULL, NULL },
  { "dry-run", N_("Adapter dry-run"),
    N_("A transcript that replays the workspace into the selected adapter "
       "and rolls back."), NULL, NULL },
  { "preflight", N_("Migration preflight"),
    N_("The snapshot, schema map, claims, replay and rollback evidence "
       "before the real cutover."), NULL, NULL },
  { "release", N_("Release handoff"),
    N_("The release environment block with the adapter, target, rollback "
       "owner and go/no-go decision."), NULL, "release" },
  { "rollback", N_("Rollback drill"),
    N_("The fallback owner, storage adapter and audit packet, rehearsed "
       "before the cutover."), NULL, "rollback" },
  { "environments", N_("Environments"),
    N_("The adapter rollout plan from the local demo to production."),
    NULL, NULL },
};

static const BfgCheckInfo checks[] = {
  /* Provider contracts: facts of the workspace's provider table. */
  { "providers.scenarioStore", "providers", N_("Scenario store"),
    N_("Persists the demo scenario today and defines the future DB session "
       "contract."), ANNA, NULL, BFG_CHECK_KIND_FACT, NULL, NULL,
    "providers:scenario-store", NULL },
  { "providers.authRbac", "providers", N_("Auth and RBAC"),
    N_("Role headers drive the demo and keep the user, tenant and "
       "permission boundaries."), ANNA, NULL, BFG_CHECK_KIND_FACT, NULL,
    NULL, "providers:auth-rbac", NULL },
  { "providers.documentIntelligence", "providers",
    N_("Document intelligence"),
    N_("Local OCR output has the shape of production extraction "
       "responses."), ANNA, NULL, BFG_CHECK_KIND_FACT, NULL, NULL,
    "providers:document-intelligence", NULL },
  { "providers.ksef", "providers", N_("KSeF e-invoice"),
    N_("Mock invoice packets keep finance ready for the regulated API."),
    ANNA, NULL, BFG_CHECK_KIND_FACT, NULL, NULL, "providers:ksef", NULL },
  { "providers.mapsEta", "providers", N_("Maps and ETA"),
    N_("Local ETA logic can be swapped for a live maps and traffic "
       "provider."), ANNA, NULL, BFG_CHECK_KIND_FACT, NULL, NULL,
    "providers:maps-eta", NULL },
  { "providers.driverOfflineSync", "providers", N_("Driver offline sync"),
    N_("The service worker and trip cache define the future background "
       "sync boundary."), ANNA, NULL, BFG_CHECK_KIND_FACT, NULL, NULL,
    "providers:driver-offline-sync", NULL },

  /* Integration gates. */
  { "gates.providers", "gates", N_("Provider contracts are mapped"),
    N_("Every provider has a local mode and a production target."), ANNA,
    NULL, BFG_CHECK_KIND_DERIVED, NULL, L ("section:providers"), NULL,
    "sections" },
  { "gates.sessionAdapter", "gates",
    N_("Session adapter and auth contract are present"),
    N_("ScenarioStore.v1 runs with the mock auth header for the local demo "
       "contract."), ANNA, NULL, BFG_CHECK_KIND_FACT, NULL, NULL,
    "session", NULL },
  { "gates.preflight", "gates", N_("Migration preflight is ready"),
    N_("The snapshot preflight is complete."), ANNA, NULL,
    BFG_CHECK_KIND_DERIVED, NULL, L ("section:preflight"), NULL,
    "sections" },
  { "gates.runbook", "gates", N_("Migration runbook is copyable"),
    N_("The migration runbook is complete and its decision is GO."), ANNA,
    NULL, BFG_CHECK_KIND_DERIVED, NULL, L ("section:runbook"), NULL,
    "sections" },
  { "gates.connection", "gates", N_("Adapter connection packet is recorded"),
    N_("Every connection probe step passed and was accepted."), ANNA, NULL,
    BFG_CHECK_KIND_DERIVED, NULL, L ("section:connection"), NULL,
    "sections" },
  { "gates.dryRun", "gates", N_("Adapter dry-run transcript is complete"),
    N_("Every dry-run step passed and was accepted."), ANNA, NULL,
    BFG_CHECK_KIND_DERIVED, NULL, L ("section:dry-run"), NULL, "sections" },
  { "gates.release", "gates", N_("Release env handoff is local-demo GO"),
    N_("The release environment block is complete."), ANNA, NULL,
    BFG_CHECK_KIND_DERIVED, NULL, L ("section:release"), NULL, "sections" },
  { "gates.infrastructure", "gates",
    N_("Infrastructure owner decisions are accepted"),
    N_("Hosting, region, runtime owner and secrets boundary are chosen and "
       "accepted."), ANNA, NULL, BFG_CHECK_KIND_DERIVED, NULL,
    L ("section:infrastructure"), NULL, "sections" },
  { "gates.rollback", "gates", N_("Rollback drill packet is owner-ready"),
    N_("The rollback drill is accepted by its owner."), ANNA, NULL,
    BFG_CHECK_KIND_DERIVED, NULL, L ("section:rollback"), NULL,
    "sections" },

  /* Provider selection acceptance. */
  { "provider-acceptance.liveProvider", "provider-acceptance",
    N_("Live DB/auth provider"),
    N_("Anna Kowalska accepts the real provider contract for the selected "
       "adapter."), ANNA, SIGN, BFG_CHECK_KIND_ACCEPT_VALUE, NULL, NULL,
    "session:target", NULL },
  { "provider-acceptance.authRbacOwner", "provider-acceptance",
    N_("Auth/RBAC owner"),
    N_("Anna Kowalska confirms roles, claims and secret handling before "
       "live users."), ANNA, SIGN, BFG_CHECK_KIND_ACCEPT_VALUE, NULL, NULL,
    "provider-target:auth-rbac", NULL },
  { "provider-acceptance.tenantSecretsBoundary", "provider-acceptance",
    N_("Tenant and secrets boundary"),
    N_("The adapter stays blocked until tenant isolation and managed "
       "secrets are accepted."), ANNA, SIGN, BFG_CHECK_KIND_ACCEPT_VALUE,
    NULL, NULL, "session:tenant", NULL },
  { "provider-acceptance.liveWiringGoNoGo", "provider-acceptance",
    N_("Live wiring go/no-go"),
    N_("The production decision stays locked until the provider, auth and "
       "rollback owners sign off."), ANNA, SIGN,
    BFG_CHECK_KIND_ACCEPT_VALUE,
    L ("provider-acceptance.liveProvider",
       "provider-acceptance.authRbacOwner",
       "provider-acceptance.tenantSecretsBoundary",
       "section:dry-run", "section:rollback"),
    NULL, "decision:production", NULL },

  /* Infrastructure decision: someone chooses, the owner accepts. */
  { "infrastructure.hosting", "infrastructure",
    N_("Hosting provider and account"),
    N_("The live hosting account and provider, chosen before the adapter "
       "receives production traffic."), ANNA, SIGN, BFG_CHECK_KIND_CHOICE,
    NULL, NULL, NULL, NULL },
  { "infrastructure.region", "infrastructure",
    N_("Region and data residency"),
    N_("The EU region, data residency and backup locality, confirmed "
       "before live DB/auth wiring."), ANNA, SIGN, BFG_CHECK_KIND_CHOICE,
    NULL, NULL, NULL, NULL },
  { "infrastructure.runtimeOwner", "infrastructure",
    N_("Runtime operations owner"),
    N_("The on-call, deploy, monitoring and incident owner of the "
       "adapter."), ANNA, SIGN, BFG_CHECK_KIND_CHOICE, NULL, NULL, NULL,
    NULL },
  { "infrastructure.secretsBackup", "infrastructure",
    N_("Secrets and backup boundary"),
    N_("Managed secrets, backup RPO and the restore owner, accepted before "
       "the production decision can change."), ANNA, SIGN,
    BFG_CHECK_KIND_CHOICE, NULL, NULL, NULL, NULL },

  /* Guarded DB/auth wiring: ids are kept verbatim from the web console. */
  { WIRING "infrastructureAcceptance", "wiring",
    N_("Infrastructure acceptance"),
    N_("Needs hosting, EU region, runtime owner and secrets and backup "
       "ownership accepted for the adapter."), ANNA, SIGN,
    BFG_CHECK_KIND_RECORDED, L ("section:infrastructure"), NULL, NULL,
    NULL },
  { WIRING "endpointContract", "wiring", N_("Endpoint contract"),
    N_("Uses the redacted adapter endpoint contract without a live external "
       "connection."), ANNA, SIGN, BFG_CHECK_KIND_RECORDED,
    L (WIRING "infrastructureAcceptance"), NULL, NULL, NULL },
  { WIRING "tenantContext", "wiring", N_("Tenant context"),
    N_("Maps organisation and tenant claims before any live database "
       "write."), ANNA, SIGN, BFG_CHECK_KIND_RECORDED,
    L (WIRING "infrastructureAcceptance"), NULL, NULL, NULL },
  { WIRING "oidcRbacClaims", "wiring", N_("OIDC/RBAC claims"),
    N_("Prepares role claims for the managing director, dispatcher, "
       "accountant, driver and client scopes."), ANNA, SIGN,
    BFG_CHECK_KIND_RECORDED, L (WIRING "infrastructureAcceptance"), NULL,
    NULL, NULL },
  { WIRING "rlsPolicyDraft", "wiring", N_("RLS policy draft"),
    N_("Confirms the tenant-scoped RLS policy plan is ready for migration "
       "review."), ANNA, SIGN, BFG_CHECK_KIND_RECORDED,
    L (WIRING "infrastructureAcceptance"), NULL, NULL, NULL },
  { WIRING "secretsBackupBoundary", "wiring",
    N_("Secrets and backup boundary"),
    N_("Keeps secrets, backup RPO and restore ownership tied to the "
       "accepted infrastructure decision."), ANNA, SIGN,
    BFG_CHECK_KIND_RECORDED,
    L (WIRING "infrastructureAcceptance", "infrastructure.secretsBackup"),
    NULL, NULL, NULL },
  { WIRING "liveCredentials", "wiring", N_("Live credentials"),
    N_("Blocked until a person provides reviewed provider credentials "
       "outside the local demo workspace."), ANNA, SIGN,
    BFG_CHECK_KIND_RECORDED,
    L (WIRING "infrastructureAcceptance", WIRING "endpointContract",
       WIRING "tenantContext", WIRING "oidcRbacClaims",
       WIRING "rlsPolicyDraft", WIRING "secretsBackupBoundary"),
    NULL, NULL, NULL },

  /* DB/auth migration checklist: owners rehearse, others record. */
  { "cutover-checklist.contractsClosed", "cutover-checklist",
    N_("Contracts closed"),
    N_("The scenario envelope, actor headers and metadata fields are "
       "covered by smoke tests."), ANNA, SIGN, BFG_CHECK_KIND_RECORDED,
    NULL, NULL, NULL, NULL },
  { "cutover-checklist.roleHeadersMapped", "cutover-checklist",
    N_("Role headers mapped"),
    N_("Managing director, dispatcher, accountant, driver and client are "
       "visible."), MAREK, DISPATCH, BFG_CHECK_KIND_RECORDED, NULL, NULL,
    NULL, NULL },
  { "cutover-checklist.scenarioStoreRehearsal", "cutover-checklist",
    N_("Scenario store rehearsal"),
    N_("Confirm the file-local payload for the DB replay."), MAREK,
    DISPATCH, BFG_CHECK_KIND_RECORDED, NULL, NULL, NULL, NULL },
  { "cutover-checklist.dbSchema", "cutover-checklist", N_("DB schema"),
    N_("Create the tenant, user, permission and scenario-state tables for "
       "the production adapter."), OLENA, FINANCE, BFG_CHECK_KIND_RECORDED,
    NULL, NULL, NULL, NULL },
  { "cutover-checklist.secretsAuth", "cutover-checklist",
    N_("Secrets and auth"),
    N_("Connect the chosen OIDC/RBAC provider without needing paid keys in "
       "the demo."), OLENA, FINANCE, BFG_CHECK_KIND_RECORDED, NULL, NULL,
    NULL, NULL },
  { "cutover-checklist.migrationRollback", "cutover-checklist",
    N_("Migration and rollback"),
    N_("Move the local demo state to the DB adapter and keep a rollback "
       "for demos."), ANNA, SIGN, BFG_CHECK_KIND_RECORDED, NULL, NULL, NULL,
    NULL },

  /* Adapter decision board. */
  { "decision-board.adapterSelection", "decision-board",
    N_("Adapter selection status"),
    N_("The staging target is selected while the local demo keeps the file "
       "adapter."), ANNA, NULL, BFG_CHECK_KIND_FACT, NULL, NULL, "target",
    NULL },
  { "decision-board.environmentReadiness", "decision-board",
    N_("Environment readiness"),
    N_("Contracts and a replayable scenario store payload must be accepted "
       "before the DB/auth environment opens."), MAREK, NULL,
    BFG_CHECK_KIND_DERIVED, NULL,
    L ("cutover-checklist.contractsClosed",
       "cutover-checklist.scenarioStoreRehearsal"), NULL, "inputs" },
  { "decision-board.secretsRbacOwner", "decision-board",
    N_("Secrets and RBAC owner"),
    N_("Role headers and secret handling must both be accepted before real "
       "user auth is wired."), OLENA, NULL, BFG_CHECK_KIND_DERIVED, NULL,
    L ("cutover-checklist.roleHeadersMapped",
       "cutover-checklist.secretsAuth"), NULL, "inputs" },
  { "decision-board.schemaRls", "decision-board", N_("Schema and RLS"),
    N_("Tenant, user, permission and scenario-state tables need owner "
       "acceptance before the adapter migration."), OLENA, NULL,
    BFG_CHECK_KIND_DERIVED, NULL, L ("cutover-checklist.dbSchema"), NULL,
    "inputs" },
  { "decision-board.migrationDryRun", "decision-board",
    N_("Migration dry-run"),
    N_("The local demo state needs a dry-run path into the DB adapter "
       "before the reviewer cutover."), ANNA, NULL, BFG_CHECK_KIND_DERIVED,
    NULL, L ("dry-run.adapterReplay"), NULL, "inputs" },
  { "decision-board.rollbackWindow", "decision-board",
    N_("Rollback window"),
    N_("Keep the file-local adapter ready until migration and replay "
       "evidence are accepted together."), ANNA, NULL,
    BFG_CHECK_KIND_DERIVED, NULL,
    L ("cutover-checklist.migrationRollback", "dry-run.rollbackCheckpoint"),
    NULL, "inputs" },
  { "decision-board.releaseOwnerApprovals", "decision-board",
    N_("Release owner approvals"),
    N_("Every owner-led cutover rehearsal must be accepted before the "
       "production release sign-off."), ANNA, NULL, BFG_CHECK_KIND_DERIVED,
    NULL, L ("section:cutover-checklist"), NULL, "inputs" },

  /* Migration runbook. */
  { "runbook.freezeSnapshot", "runbook", N_("Freeze snapshot"),
    N_("Carries the scenario snapshot rows and checksum into the migration "
       "packet."), ANNA, NULL, BFG_CHECK_KIND_DERIVED, NULL,
    L ("preflight.payloadSnapshot"), NULL, "rows" },
  { "runbook.schemaRls", "runbook", N_("Schema and RLS"),
    N_("Tenant, user, snapshot and audit tables are mapped for the "
       "selected adapter."), ANNA, NULL, BFG_CHECK_KIND_DERIVED, NULL,
    L ("cutover-checklist.dbSchema", "decision-board.schemaRls",
       WIRING "rlsPolicyDraft", WIRING "tenantContext",
       "dry-run.schemaMapValidation", "preflight.schemaMap"), NULL,
    "inputs" },
  { "runbook.actorClaims", "runbook", N_("Actor claims"),
    N_("Demo actors and permissions become future DB/auth claims."), ANNA,
    NULL, BFG_CHECK_KIND_FACT, NULL, NULL, "actors", NULL },
  { "runbook.adapterReplay", "runbook", N_("Adapter replay"),
    N_("Connection and dry-run evidence prove the target can replay the "
       "payload."), ANNA, NULL, BFG_CHECK_KIND_DERIVED, NULL,
    L ("section:connection", "section:dry-run"), NULL, "sections" },
  { "runbook.checksumVerification", "runbook",
    N_("Checksum verification"),
    N_("Preflight readiness and the checksum close the migration "
       "verification loop."), ANNA, NULL, BFG_CHECK_KIND_DERIVED, NULL,
    L ("section:preflight"), NULL, "sections" },
  { "runbook.rollbackSeal", "runbook", N_("Rollback seal"),
    N_("Release and rollback decisions stay bound to the local fallback "
       "adapter."), ANNA, NULL, BFG_CHECK_KIND_DERIVED, NULL,
    L ("section:rollback"), NULL, "decision:rollback" },

  /* Data cutover steps. */
  { "data-cutover.freezeSnapshot", "data-cutover", N_("Freeze snapshot"),
    N_("The snapshot rows and checksum are locked."), ANNA, NULL,
    BFG_CHECK_KIND_DERIVED, NULL, L ("preflight.payloadSnapshot"), NULL,
    "rows" },
  { "data-cutover.seedTenantRls", "data-cutover", N_("Seed tenant and RLS"),
    N_("The runbook tables and RLS are ready for the adapter."), ANNA,
    NULL, BFG_CHECK_KIND_DERIVED, NULL, L ("section:runbook"), NULL,
    "sections" },
  { "data-cutover.batchReplay", "data-cutover", N_("Batch replay"),
    N_("Connection and dry-run prove a safe replay."), ANNA, NULL,
    BFG_CHECK_KIND_DERIVED, NULL,
    L ("section:connection", "section:dry-run"), NULL, "sections" },
  { "data-cutover.auditParity", "data-cutover", N_("Audit parity"),
    N_("Every batch has data and preflight evidence."), ANNA, NULL,
    BFG_CHECK_KIND_DERIVED, NULL, L ("section:data-batches"), NULL,
    "sections" },
  { "data-cutover.rollbackSeal", "data-cutover", N_("Rollback seal"),
    N_("Release and rollback keep the file-local fallback visible."), ANNA,
    NULL, BFG_CHECK_KIND_DERIVED, NULL, L ("section:rollback"), NULL,
    "decision:rollback" },

  /* Data batches, verified by the dry-run replay. */
  { "data-batches.seedTenantRbac", "data-batches",
    N_("Seed tenant and RBAC"),
    N_("Demo actors and permissions form the first tenant and user seed."),
    MAREK, NULL, BFG_CHECK_KIND_FACT, NULL, NULL, "actors", NULL },
  { "data-batches.operationalReplay", "data-batches",
    N_("Operational replay"),
    N_("Orders and driver, client and dispatch events stay replayable."),
    MAREK, NULL, BFG_CHECK_KIND_DRYRUN_BATCH, NULL, NULL, NULL,
    "rows:orders,driver_events,documents" },
  { "data-batches.financeLedger", "data-batches", N_("Finance ledger"),
    N_("KSeF invoices and payments stay separate for the finance "
       "migration."), MAREK, NULL, BFG_CHECK_KIND_DRYRUN_BATCH, NULL, NULL,
    NULL, "rows:finance_events" },
  { "data-batches.auditTrail", "data-batches", N_("Audit trail"),
    N_("Risk, cutover, connection, dry-run and sign-off events stay "
       "joined."), MAREK, NULL, BFG_CHECK_KIND_DRYRUN_BATCH, NULL, NULL,
    NULL, "rows:audit_events" },

  /* Adapter connection: the probe records, Olena accepts. */
  { "connection.reachability", "connection", N_("Endpoint reachability"),
    N_("The selected endpoint is named and reachable."), OLENA, FINANCE,
    BFG_CHECK_KIND_PROBE, NULL, NULL, NULL, NULL },
  { "connection.tls", "connection", N_("TLS fingerprint"),
    N_("A reviewer-safe server certificate fingerprint is captured and "
       "pinned."), OLENA, FINANCE, BFG_CHECK_KIND_PROBE, NULL, NULL, NULL,
    NULL },
  { "connection.rbacSession", "connection", N_("RBAC session"),
    N_("Demo claims map the tenant and user boundary; RLS hides another "
       "tenant's rows."), OLENA, FINANCE, BFG_CHECK_KIND_PROBE, NULL, NULL,
    NULL, NULL },
  { "connection.writeProbe", "connection", N_("Write probe"),
    N_("A write that is read back and rolled back, leaving nothing "
       "behind."), OLENA, FINANCE, BFG_CHECK_KIND_PROBE, NULL, NULL, NULL,
    NULL },

  /* Adapter dry-run: the dry-run records, Marek accepts. */
  { "dry-run.exportSnapshot", "dry-run", N_("Export snapshot"),
    N_("Freezes orders, driver events, finance events and reviewer "
       "evidence."), MAREK, DISPATCH, BFG_CHECK_KIND_DRYRUN, NULL, NULL,
    NULL, NULL },
  { "dry-run.schemaMapValidation", "dry-run",
    N_("Schema map validation"),
    N_("Maps scenario store fields to the tenant, user, order, document and "
       "audit tables."), MAREK, DISPATCH, BFG_CHECK_KIND_DRYRUN, NULL, NULL,
    NULL, NULL },
  { "dry-run.rbacClaimsRehearsal", "dry-run",
    N_("RBAC claims rehearsal"),
    N_("Replays the demo actor ids as future auth claims."), MAREK,
    DISPATCH, BFG_CHECK_KIND_DRYRUN, NULL, NULL, NULL, NULL },
  { "dry-run.adapterReplay", "dry-run", N_("Adapter replay transcript"),
    N_("Writes and reads the payload through the DB/auth adapter "
       "contract."), MAREK, DISPATCH, BFG_CHECK_KIND_DRYRUN, NULL, NULL,
    NULL, NULL },
  { "dry-run.rollbackCheckpoint", "dry-run", N_("Rollback checkpoint"),
    N_("Keeps the file-local fallback and the replay id until the cutover "
       "is approved."), MAREK, DISPATCH, BFG_CHECK_KIND_DRYRUN, NULL, NULL,
    NULL, NULL },

  /* Migration preflight. */
  { "preflight.payloadSnapshot", "preflight", N_("Payload snapshot"),
    N_("The scenario snapshot is pinned with its row count and checksum."),
    ANNA, NULL, BFG_CHECK_KIND_DERIVED, NULL, L ("dry-run.exportSnapshot"),
    NULL, "rows" },
  { "preflight.schemaMap", "preflight", N_("Schema map"),
    N_("The adapter decision and cutover evidence name the tenant, user, "
       "order, document and audit tables."), ANNA, NULL,
    BFG_CHECK_KIND_DERIVED, NULL, L ("section:decision-board"), NULL,
    "sections" },
  { "preflight.rbacClaims", "preflight", N_("RBAC claims"),
    N_("Demo actor ids and permissions are ready as auth claims."), ANNA,
    NULL, BFG_CHECK_KIND_FACT, NULL, NULL, "actors", NULL },
  { "preflight.adapterReplay", "preflight", N_("Adapter replay"),
    N_("The dry-run proves write and read compatibility for the chosen "
       "adapter."), ANNA, NULL, BFG_CHECK_KIND_DERIVED, NULL,
    L ("section:dry-run"), NULL, "sections" },
  { "preflight.rollbackEvidence", "preflight", N_("Rollback evidence"),
    N_("The release and rollback packets keep the file-local fallback "
       "explicit."), ANNA, NULL, BFG_CHECK_KIND_DERIVED, NULL,
    L ("section:release", "section:rollback"), NULL, "sections" },

  /* Release handoff. */
  { "release.envVars", "release", N_("Env vars"),
    N_("Nine release values come from the session metadata."), ANNA, NULL,
    BFG_CHECK_KIND_FACT, NULL, NULL, "env-vars", NULL },
  { "release.adapterTarget", "release", N_("Adapter target"),
    N_("The chosen DB/auth target is visible."), ANNA, NULL,
    BFG_CHECK_KIND_DERIVED, NULL, L ("decision-board.adapterSelection"),
    NULL, "sections:decision-board" },
  { "release.dryRunTranscript", "release", N_("Dry-run transcript"),
    N_("The replay transcript proves the local payload is compatible."),
    ANNA, NULL, BFG_CHECK_KIND_DERIVED, NULL, L ("section:dry-run"), NULL,
    "sections" },
  { "release.rollbackFallback", "release", N_("Rollback"),
    N_("The fallback adapter stays explicit."), ANNA, NULL,
    BFG_CHECK_KIND_FACT, NULL, NULL, "storage-fallback", NULL },
  { "release.ownerEvidence", "release", N_("Owner evidence"),
    N_("The cutover owner checks are bound to the scenario store."), ANNA,
    NULL, BFG_CHECK_KIND_DERIVED, NULL, L ("section:cutover-checklist"),
    NULL, "sections" },

  /* Rollback drill: Anna accepts values computed from the workspace. */
  { "rollback.freezeWindow", "rollback", N_("Freeze window"),
    N_("Production stays blocked until the local go/no-go decision is "
       "reviewed."), ANNA, SIGN, BFG_CHECK_KIND_ACCEPT_VALUE, NULL, NULL,
    "decision:release", NULL },
  { "rollback.ownerAcknowledgement", "rollback",
    N_("Owner acknowledgement"),
    N_("The managing director owns the rollback decision and the audit "
       "packet."), ANNA, SIGN, BFG_CHECK_KIND_ACCEPT_VALUE, NULL, NULL,
    "session:rollback-owner", NULL },
  { "rollback.storageFallback", "rollback", N_("Storage fallback"),
    N_("The file-local adapter stays the explicit rollback path."), ANNA,
    SIGN, BFG_CHECK_KIND_ACCEPT_VALUE, NULL, NULL, "session:storage",
    NULL },
  { "rollback.auditPacket", "rollback", N_("Audit packet"),
    N_("Release and rollback evidence are joined in one exportable "
       "packet."), ANNA, SIGN, BFG_CHECK_KIND_ACCEPT_PACKET, NULL, NULL,
    "packet:ProductionRollbackDrill.v1", NULL },

  /* Environments. */
  { "environments.demoLocal", "environments", N_("Local demo"),
    N_("Runs now with file-local scenario state and mock provider "
       "contracts."), ANNA, NULL, BFG_CHECK_KIND_FACT, NULL, NULL,
    "environment:demo-local", NULL },
  { "environments.staging", "environments", N_("Staging"),
    N_("The next target for DB persistence, auth claims and provider "
       "secrets."), ANNA, NULL, BFG_CHECK_KIND_DERIVED, NULL,
    L ("section:connection", "section:dry-run", "section:wiring"), NULL,
    "sections" },
  { "environments.production", "environments", N_("Production"),
    N_("The final tenant-scoped adapter with real auth and provider audit "
       "logs."), ANNA, NULL, BFG_CHECK_KIND_DERIVED, NULL,
    L ("section:gates", "section:provider-acceptance"), NULL, "sections" },
};

static const BfgDecisionRule runbook_rules[] = {
  { L ("section:preflight"), "BLOCKED_PENDING_PREFLIGHT" },
  { NULL, NULL },
};

static const BfgDecisionRule release_rules[] = {
  { L ("section:dry-run"), "BLOCKED_PENDING_DRY_RUN" },
  { L ("section:cutover-checklist"), "BLOCKED_PENDING_OWNER_EVIDENCE" },
  { NULL, NULL },
};

/* The rollback decision must not depend on the rollback section: its audit
 * packet carries this code, and the auditPacket check binds that packet. */
static const BfgDecisionRule rollback_rules[] = {
  { L ("section:dry-run"), "BLOCKED_PENDING_DRY_RUN" },
  { L ("section:release"), "BLOCKED_PENDING_RELEASE_HANDOFF" },
  { NULL, NULL },
};

static const BfgDecisionRule data_cutover_rules[] = {
  { L ("section:data-cutover"), "BLOCKED_PENDING_DATA_CUTOVER" },
  { NULL, NULL },
};

static const BfgDecisionRule wiring_rules[] = {
  { L ("section:infrastructure", "section:wiring"),
    "BLOCKED_PENDING_INFRASTRUCTURE_OR_CREDENTIALS" },
  { NULL, NULL },
};

/* liveWiringGoNoGo binds the production code, so the production decision
 * leaves it out; "production GO" needs both (see the engine). */
static const BfgDecisionRule production_rules[] = {
  { L ("section:dry-run"), "BLOCKED_PENDING_DRY_RUN" },
  { L ("section:preflight"), "BLOCKED_PENDING_PREFLIGHT" },
  { L ("section:data-cutover"), "BLOCKED_PENDING_DATA_CUTOVER" },
  { L ("section:infrastructure", "section:wiring"),
    "BLOCKED_PENDING_INFRASTRUCTURE_OR_CREDENTIALS" },
  { L ("section:gates"), "BLOCKED_PENDING_OWNER_EVIDENCE" },
  { L ("provider-acceptance.liveProvider",
       "provider-acceptance.authRbacOwner",
       "provider-acceptance.tenantSecretsBoundary"),
    "BLOCKED_PENDING_PROVIDER_ACCEPTANCE" },
  { NULL, NULL },
};

static const BfgDecisionInfo decisions[] = {
  { "runbook", N_("Runbook decision"), runbook_rules,
    "GO_MIGRATION_RUNBOOK" },
  { "release", N_("Release decision"), release_rules, "GO_RELEASE_HANDOFF" },
  { "rollback", N_("Rollback decision"), rollback_rules,
    "GO_ROLLBACK_DRILL" },
  { "data-cutover", N_("Data cutover decision"), data_cutover_rules,
    "GO_DATA_CUTOVER" },
  { "wiring", N_("Live wiring decision"), wiring_rules, "GO_LIVE_WIRING" },
  { "production", N_("Production decision"), production_rules,
    "GO_PRODUCTION" },
};

/* The recommended-action ladder: the nine gates in the order the work
 * happens, then what the gates do not cover. */
static const BfgActionInfo actions[] = {
  { "gates.providers", "providers", N_("Map the provider contracts"),
    /* Translators: {count} is a ready/total count such as 0/4; keep it */
    N_("Provider contracts show {count}; record each provider's local and "
       "production modes.") },
  { "gates.sessionAdapter", NULL, N_("Restore the session adapter contract"),
    N_("The session metadata is incomplete; the adapter contract cannot be "
       "shown.") },
  { "gates.connection", "connection",
    N_("Record adapter connection evidence"),
    /* Translators: {count} is a ready/total count such as 0/4; keep it */
    N_("Connection checks show {count}; record the redacted endpoint packet "
       "before dry-run.") },
  { "gates.dryRun", "dry-run", N_("Run the adapter dry-run"),
    /* Translators: {count} is a ready/total count such as 0/4; keep it */
    N_("Dry-run checks show {count}; replay the snapshot into the adapter "
       "before the release handoff.") },
  { "gates.preflight", "preflight", N_("Complete the migration preflight"),
    /* Translators: {count} is a ready/total count such as 0/4; keep it */
    N_("Preflight is {count}; close the snapshot, schema map and rollback "
       "evidence.") },
  { "gates.runbook", "runbook", N_("Complete the migration runbook"),
    /* Translators: {count} is a ready/total count such as 0/4; keep it */
    N_("Runbook is {count}; accept the schema, replay and rollback checks "
       "it needs.") },
  { "gates.infrastructure", "infrastructure",
    N_("Choose the production infrastructure"),
    /* Translators: {count} is a ready/total count such as 0/4; keep it */
    N_("Infrastructure decisions show {count}; choose hosting, region, "
       "runtime owner and the secrets boundary.") },
  { "gates.release", "release", N_("Complete the release handoff"),
    /* Translators: {count} is a ready/total count such as 0/4; keep it */
    N_("Release is {count}; accept the owner evidence and the dry-run "
       "transcript.") },
  { "gates.rollback", "rollback", N_("Sign the rollback drill"),
    /* Translators: {count} is a ready/total count such as 0/4; keep it */
    N_("Rollback is {count}; accept the freeze window, owner, fallback and "
       "audit packet.") },
  { "section:cutover-checklist", "cutover-checklist",
    N_("Rehearse the cutover checklist"),
    /* Translators: {count} is a ready/total count such as 0/4; keep it */
    N_("The cutover checklist is {count}; each owner accepts their "
       "rehearsal.") },
  { "section:wiring", "wiring", N_("Record the DB/auth wiring evidence"),
    /* Translators: {count} is a ready/total count such as 0/4; keep it */
    N_("Wiring is {count}; record the endpoint, tenant, claims, RLS and "
       "credentials evidence.") },
  { "section:data-batches", "data-batches", N_("Replay the data batches"),
    /* Translators: {count} is a ready/total count such as 0/4; keep it */
    N_("Data batches are {count}; a passing dry-run replay verifies each "
       "batch.") },
  { "section:data-cutover", "data-cutover", N_("Complete the data cutover"),
    /* Translators: {count} is a ready/total count such as 0/4; keep it */
    N_("Data cutover is {count}; close the steps it summarises.") },
  { "section:provider-acceptance", "provider-acceptance",
    N_("Sign the provider selection"),
    /* Translators: {count} is a ready/total count such as 0/4; keep it */
    N_("Provider acceptance is {count}; accept the provider, auth owner, "
       "tenant boundary and the live wiring decision.") },
};

static const BfgPacketInfo packets[] = {
  { "ProductionRollbackDrill.v1", L ("decision:rollback") },
};

/**
 * bfg_plan_get_sections:
 * @n_sections: (out): where to store the number of sections
 *
 * Returns: (array length=n_sections) (transfer none): every section, in
 *   display order
 */
const BfgSectionInfo *
bfg_plan_get_sections (guint *n_sections)
{
  g_return_val_if_fail (n_sections != NULL, NULL);

  *n_sections = G_N_ELEMENTS (sections);
  return sections;
}

/**
 * bfg_plan_get_checks:
 * @n_checks: (out): where to store the number of checks
 *
 * Returns: (array length=n_checks) (transfer none): every check, grouped
 *   by section in display order
 */
const BfgCheckInfo *
bfg_plan_get_checks (guint *n_checks)
{
  g_return_val_if_fail (n_checks != NULL, NULL);

  *n_checks = G_N_ELEMENTS (checks);
  return checks;
}

/**
 * bfg_plan_get_decisions:
 * @n_decisions: (out): where to store the number of decisions
 *
 * Returns: (array length=n_decisions) (transfer none): every decision
 */
const BfgDecisionInfo *
bfg_plan_get_decisions (guint *n_decisions)
{
  g_return_val_if_fail (n_decisions != NULL, NULL);

  *n_decisions = G_N_ELEMENTS (decisions);
  return decisions;
}

/**
 * bfg_plan_get_actions:
 * @n_actions: (out): where to store the number of actions
 *
 * Returns: (array length=n_actions) (transfer none): the recommended-action
 *   ladder, in order
 */
const BfgActionInfo *
bfg_plan_get_actions (guint *n_actions)
{
  g_return_val_if_fail (n_actions != NULL, NULL);

  *n_actions = G_N_ELEMENTS (actions);
  return actions;
}

/**
 * bfg_plan_get_packets:
 * @n_packets: (out): where to store the number of packets
 *
 * Returns: (array length=n_packets) (transfer none): the packets that
 *   checks bind
 */
const BfgPacketInfo *
bfg_plan_get_packets (guint *n_packets)
{
  g_return_val_if_fail (n_packets != NULL, NULL);

  *n_packets = G_N_ELEMENTS (packets);
  return packets;
}

/**
 * bfg_plan_lookup_section:
 * @section_id: a section id
 *
 * Returns: (transfer none) (nullable): the section, or %NULL
 */
const BfgSectionInfo *
bfg_plan_lookup_section (const char *section_id)
{
  g_return_val_if_fail (section_id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_str_equal (sections[i].id, section_id))
      return &sections[i];

  return NULL;
}

/**
 * bfg_plan_lookup_check:
 * @check_id: a check id
 *
 * Returns: (transfer none) (nullable): the check, or %NULL
 */
const BfgCheckInfo *
bfg_plan_lookup_check (const char *check_id)
{
  static GHashTable *index;

  g_return_val_if_fail (check_id != NULL, NULL);

  /* Seventy lookups per evaluation add up; index the table once. */
  if (g_once_init_enter_pointer (&index))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
        g_hash_table_insert (table, (gpointer) checks[i].id,
                             (gpointer) &checks[i]);

      g_once_init_leave_pointer (&index, table);
    }

  return g_hash_table_lookup (index, check_id);
}

/**
 * bfg_plan_lookup_decision:
 * @decision_id: a decision id
 *
 * Returns: (transfer none) (nullable): the decision, or %NULL
 */
const BfgDecisionInfo *
bfg_plan_lookup_decision (const char *decision_id)
{
  g_return_val_if_fail (decision_id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    if (g_str_equal (decisions[i].id, decision_id))
      return &decisions[i];

  return NULL;
}

/**
 * bfg_plan_lookup_packet:
 * @name: a packet name
 *
 * Returns: (transfer none) (nullable): the packet, or %NULL
 */
const BfgPacketInfo *
bfg_plan_lookup_packet (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (packets); i++)
    if (g_str_equal (packets[i].name, name))
      return &packets[i];

  return NULL;
}

/* Graph walk: nodes are check ids and "section:", "decision:" and
 * "packet:" references; marks are 1 while on the stack, 2 when done. */
static gboolean visit (const char *node, GHashTable *marks, GPtrArray *path);

static gboolean
visit_list (const char * const *list,
            GHashTable         *marks,
            GPtrArray          *path)
{
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    if (!visit (list[i], marks, path))
      return FALSE;

  return TRUE;
}

static gboolean
visit_reference (const char *spec,
                 GHashTable *marks,
                 GPtrArray  *path)
{
  /* Only decision and packet references create edges; "session:" and the
   * fact names read stored rows. */
  if (spec != NULL &&
      (g_str_has_prefix (spec, "decision:") ||
       g_str_has_prefix (spec, "packet:")))
    return visit (spec, marks, path);

  return TRUE;
}

static gboolean
visit (const char *node,
       GHashTable *marks,
       GPtrArray  *path)
{
  guint mark = GPOINTER_TO_UINT (g_hash_table_lookup (marks, node));
  gboolean ok = TRUE;

  if (mark == 2)
    return TRUE;

  g_ptr_array_add (path, (gpointer) node);

  if (mark == 1)
    return FALSE;

  g_hash_table_insert (marks, (gpointer) node, GUINT_TO_POINTER (1));

  if (g_str_has_prefix (node, "section:"))
    {
      const char *id = node + strlen ("section:");

      for (guint i = 0; ok && i < G_N_ELEMENTS (checks); i++)
        if (g_str_equal (checks[i].section, id))
          ok = visit (checks[i].id, marks, path);
    }
  else if (g_str_has_prefix (node, "decision:"))
    {
      const BfgDecisionInfo *info =
        bfg_plan_lookup_decision (node + strlen ("decision:"));

      for (guint i = 0; ok && info != NULL && info->rules[i].code; i++)
        ok = visit_list (info->rules[i].needs, marks, path);
    }
  else if (g_str_has_prefix (node, "packet:"))
    {
      const BfgPacketInfo *info =
        bfg_plan_lookup_packet (node + strlen ("packet:"));

      if (info != NULL)
        ok = visit_list (info->depends, marks, path);
    }
  else
    {
      const BfgCheckInfo *info = bfg_plan_lookup_check (node);

      if (info != NULL)
        ok = visit_list (info->requires, marks, path) &&
             visit_list (info->inputs, marks, path) &&
             visit_reference (info->value, marks, path) &&
             visit_reference (info->summary, marks, path);
    }

  if (!ok)
    return FALSE;

  g_hash_table_insert (marks, (gpointer) node, GUINT_TO_POINTER (2));
  g_ptr_array_remove_index (path, path->len - 1);

  return TRUE;
}

/**
 * bfg_plan_check_graph:
 * @cycle: (out) (optional) (nullable): where to store the cycle found, as
 *   "a -> b -> a"
 *
 * Walks every dependency of the plan (requires, inputs, bound values and
 * decision rules) and checks that it is a directed acyclic graph, so that
 * the engine can always evaluate it.
 *
 * Returns: %TRUE if the plan has no cycle
 */
gboolean
bfg_plan_check_graph (char **cycle)
{
  g_autoptr(GHashTable) marks = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) path = g_ptr_array_new ();

  if (cycle != NULL)
    *cycle = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    for (guint j = 0; decisions[i].rules[j].code != NULL; j++)
      if (!visit_list (decisions[i].rules[j].needs, marks, path))
        goto found;

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    if (!visit (checks[i].id, marks, path))
      goto found;

  return TRUE;

found:
  if (cycle != NULL)
    {
      g_ptr_array_add (path, NULL);
      *cycle = g_strjoinv (" -> ", (char **) path->pdata);
    }

  return FALSE;
}

/* bfg-error.h: the core's error domains
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * BfgWorkspaceError:
 * @BFG_WORKSPACE_ERROR_NOT_A_WORKSPACE: the file is not a sqlite workspace
 * @BFG_WORKSPACE_ERROR_TOO_NEW: written by a newer console
 * @BFG_WORKSPACE_ERROR_READ_ONLY: a change was asked of a read-only file
 * @BFG_WORKSPACE_ERROR_LOCKED: another program holds the lock too long
 * @BFG_WORKSPACE_ERROR_CORRUPT: sqlite reports damage
 * @BFG_WORKSPACE_ERROR_IO: the file cannot be read or written
 * @BFG_WORKSPACE_ERROR_EXISTS: a workspace already exists where a new one
 *   was asked for
 * @BFG_WORKSPACE_ERROR_NOT_FOUND: there is no workspace at that path
 * @BFG_WORKSPACE_ERROR_DISK_FULL: the disk that holds the workspace has no
 *   room for the change
 *
 * Why a workspace could not be opened or changed.
 */
typedef enum
{
  BFG_WORKSPACE_ERROR_NOT_A_WORKSPACE,
  BFG_WORKSPACE_ERROR_TOO_NEW,
  BFG_WORKSPACE_ERROR_READ_ONLY,
  BFG_WORKSPACE_ERROR_LOCKED,
  BFG_WORKSPACE_ERROR_CORRUPT,
  BFG_WORKSPACE_ERROR_IO,
  BFG_WORKSPACE_ERROR_EXISTS,
  BFG_WORKSPACE_ERROR_NOT_FOUND,
  BFG_WORKSPACE_ERROR_DISK_FULL,
} BfgWorkspaceError;

/**
 * BfgRbacError:
 * @BFG_RBAC_ERROR_PERMISSION_DENIED: the actor lacks the permission named
 * @BFG_RBAC_ERROR_UNKNOWN_ACTOR: no such actor in the workspace
 * @BFG_RBAC_ERROR_SEPARATION_OF_DUTIES: the actor recorded the evidence
 *
 * Why the core refused an actor.
 */
typedef enum
{
  BFG_RBAC_ERROR_PERMISSION_DENIED,
  BFG_RBAC_ERROR_UNKNOWN_ACTOR,
  BFG_RBAC_ERROR_SEPARATION_OF_DUTIES,
} BfgRbacError;

/**
 * BfgCheckError:
 * @BFG_CHECK_ERROR_UNKNOWN: no check has that id
 * @BFG_CHECK_ERROR_BLOCKED: a required check is not ready
 * @BFG_CHECK_ERROR_NO_EVIDENCE: nothing has been recorded to accept
 * @BFG_CHECK_ERROR_NOT_ACCEPTED: there is no acceptance to revoke
 * @BFG_CHECK_ERROR_WRONG_KIND: the transition does not apply to its kind
 * @BFG_CHECK_ERROR_INVALID_VALUE: a chosen value is empty or malformed
 * @BFG_CHECK_ERROR_ALREADY_ACCEPTED: the current evidence is already
 *   accepted
 *
 * Why a transition on a check was refused.
 */
typedef enum
{
  BFG_CHECK_ERROR_UNKNOWN,
  BFG_CHECK_ERROR_BLOCKED,
  BFG_CHECK_ERROR_NO_EVIDENCE,
  BFG_CHECK_ERROR_NOT_ACCEPTED,
  BFG_CHECK_ERROR_WRONG_KIND,
  BFG_CHECK_ERROR_INVALID_VALUE,
  BFG_CHECK_ERROR_ALREADY_ACCEPTED,
} BfgCheckError;

/**
 * BfgAuditError:
 * @BFG_AUDIT_ERROR_BROKEN_CHAIN: an event's hash or link does not match
 *
 * Why the audit chain failed verification.
 */
typedef enum
{
  BFG_AUDIT_ERROR_BROKEN_CHAIN,
} BfgAuditError;

#define BFG_WORKSPACE_ERROR (bfg_workspace_error_quark ())
#define BFG_RBAC_ERROR (bfg_rbac_error_quark ())
#define BFG_CHECK_ERROR (bfg_check_error_quark ())
#define BFG_AUDIT_ERROR (bfg_audit_error_quark ())

GQuark bfg_workspace_error_quark (void);
GQuark bfg_rbac_error_quark (void);
GQuark bfg_check_error_quark (void);
GQuark bfg_audit_error_quark (void);

G_END_DECLS

G_BEGIN_DECLS

/**
 * BfgEndpointError:
 * @BFG_ENDPOINT_ERROR_INVALID_HOST: the host is empty or not a host name
 *   or IP address
 * @BFG_ENDPOINT_ERROR_INVALID_PORT: the port is outside 1–65535
 * @BFG_ENDPOINT_ERROR_INVALID_DATABASE: the database name is empty, too
 *   long or holds control characters
 * @BFG_ENDPOINT_ERROR_INVALID_USER: the user name is empty, too long or
 *   holds control characters
 * @BFG_ENDPOINT_ERROR_INVALID_SSLMODE: the TLS mode is not verify-full,
 *   verify-ca or require
 * @BFG_ENDPOINT_ERROR_INVALID_CA_FILE: the CA file is not an absolute path
 * @BFG_ENDPOINT_ERROR_INVALID_URI: an endpoint URI is malformed or carries
 *   a password
 *
 * Why an endpoint was refused.
 */
typedef enum
{
  BFG_ENDPOINT_ERROR_INVALID_HOST,
  BFG_ENDPOINT_ERROR_INVALID_PORT,
  BFG_ENDPOINT_ERROR_INVALID_DATABASE,
  BFG_ENDPOINT_ERROR_INVALID_USER,
  BFG_ENDPOINT_ERROR_INVALID_SSLMODE,
  BFG_ENDPOINT_ERROR_INVALID_CA_FILE,
  BFG_ENDPOINT_ERROR_INVALID_URI,
} BfgEndpointError;

/**
 * BfgSecretError:
 * @BFG_SECRET_ERROR_UNAVAILABLE: no Secret Service answers on the session bus
 * @BFG_SECRET_ERROR_LOCKED: the keyring is locked and stayed locked
 * @BFG_SECRET_ERROR_FAILED: the Secret Service refused the request
 *
 * Why a password could not be stored, looked up or cleared. There is no
 * plaintext fallback: the console asks for the password each session.
 */
typedef enum
{
  BFG_SECRET_ERROR_UNAVAILABLE,
  BFG_SECRET_ERROR_LOCKED,
  BFG_SECRET_ERROR_FAILED,
} BfgSecretError;

/**
 * BfgProbeError:
 * @BFG_PROBE_ERROR_INVALID_OPTIONS: the endpoint or tenant id is invalid
 * @BFG_PROBE_ERROR_HOST_NOT_FOUND: the host name does not resolve
 * @BFG_PROBE_ERROR_CONNECTION_REFUSED: nothing listens on the port
 * @BFG_PROBE_ERROR_UNREACHABLE: no route to the host or network
 * @BFG_PROBE_ERROR_TIMEOUT: a step took longer than its timeout
 * @BFG_PROBE_ERROR_NO_TLS: the server does not offer TLS
 * @BFG_PROBE_ERROR_NOT_POSTGRESQL: the peer does not speak PostgreSQL
 * @BFG_PROBE_ERROR_CA_FILE: the CA file cannot be read
 * @BFG_PROBE_ERROR_TLS_HANDSHAKE: the TLS handshake failed
 * @BFG_PROBE_ERROR_CERT_UNTRUSTED: the certificate chain does not lead to
 *   the CA
 * @BFG_PROBE_ERROR_CERT_HOST_MISMATCH: the certificate does not name the host
 * @BFG_PROBE_ERROR_PIN_MISMATCH: the certificate is not the pinned one
 * @BFG_PROBE_ERROR_AUTH_FAILED: the password is wrong or the role unknown
 * @BFG_PROBE_ERROR_UNKNOWN_ROLE: the server says the role does not exist
 * @BFG_PROBE_ERROR_UNKNOWN_DATABASE: the database does not exist
 * @BFG_PROBE_ERROR_ACCESS_REJECTED: pg_hba.conf or CONNECT rights refuse
 *   the login
 * @BFG_PROBE_ERROR_CONNECT_FAILED: libpq failed for another reason
 * @BFG_PROBE_ERROR_PRIVILEGED_ROLE: the role is a superuser or bypasses RLS
 * @BFG_PROBE_ERROR_SCHEMA_MISSING: the runbook schema or a table is missing
 * @BFG_PROBE_ERROR_RLS_DISABLED: a tenant-scoped table lacks enabled and
 *   forced row-level security
 * @BFG_PROBE_ERROR_RLS_LEAK: a policy lets another tenant's rows through
 * @BFG_PROBE_ERROR_READ_ONLY: the role or server accepts no writes
 * @BFG_PROBE_ERROR_SERVER_GONE: the server closed the connection mid-probe
 * @BFG_PROBE_ERROR_QUERY_FAILED: a probe query failed for another reason
 * @BFG_PROBE_ERROR_SKIPPED: an earlier step failed, so this one did not run
 *
 * Why a connection probe step failed.
 */
typedef enum
{
  BFG_PROBE_ERROR_INVALID_OPTIONS,
  BFG_PROBE_ERROR_HOST_NOT_FOUND,
  BFG_PROBE_ERROR_CONNECTION_REFUSED,
  BFG_PROBE_ERROR_UNREACHABLE,
  BFG_PROBE_ERROR_TIMEOUT,
  BFG_PROBE_ERROR_NO_TLS,
  BFG_PROBE_ERROR_NOT_POSTGRESQL,
  BFG_PROBE_ERROR_CA_FILE,
  BFG_PROBE_ERROR_TLS_HANDSHAKE,
  BFG_PROBE_ERROR_CERT_UNTRUSTED,
  BFG_PROBE_ERROR_CERT_HOST_MISMATCH,
  BFG_PROBE_ERROR_PIN_MISMATCH,
  BFG_PROBE_ERROR_AUTH_FAILED,
  BFG_PROBE_ERROR_UNKNOWN_ROLE,
  BFG_PROBE_ERROR_UNKNOWN_DATABASE,
  BFG_PROBE_ERROR_ACCESS_REJECTED,
  BFG_PROBE_ERROR_CONNECT_FAILED,
  BFG_PROBE_ERROR_PRIVILEGED_ROLE,
  BFG_PROBE_ERROR_SCHEMA_MISSING,
  BFG_PROBE_ERROR_RLS_DISABLED,
  BFG_PROBE_ERROR_RLS_LEAK,
  BFG_PROBE_ERROR_READ_ONLY,
  BFG_PROBE_ERROR_SERVER_GONE,
  BFG_PROBE_ERROR_QUERY_FAILED,
  BFG_PROBE_ERROR_SKIPPED,
} BfgProbeError;

#define BFG_ENDPOINT_ERROR (bfg_endpoint_error_quark ())
#define BFG_SECRET_ERROR (bfg_secret_error_quark ())
#define BFG_PROBE_ERROR (bfg_probe_error_quark ())

GQuark bfg_endpoint_error_quark (void);
GQuark bfg_secret_error_quark (void);
GQuark bfg_probe_error_quark (void);

G_END_DECLS

G_BEGIN_DECLS

/**
 * BfgSnapshotError:
 * @BFG_SNAPSHOT_ERROR_MALFORMED: the file is not JSON, or not shaped like
 *   a snapshot
 * @BFG_SNAPSHOT_ERROR_WRONG_SCHEMA: the schema name is not
 *   BFGScenarioSnapshot
 * @BFG_SNAPSHOT_ERROR_WRONG_VERSION: the schema version is not one this
 *   program reads
 * @BFG_SNAPSHOT_ERROR_BAD_TYPE: a field holds a value of the wrong type
 * @BFG_SNAPSHOT_ERROR_DANGLING_REFERENCE: a row refers to a row that the
 *   snapshot does not hold
 * @BFG_SNAPSHOT_ERROR_DIGEST_MISMATCH: a count, a table digest or the
 *   checksum does not match the rows
 * @BFG_SNAPSHOT_ERROR_UNKNOWN_TABLE: a table or column is not part of
 *   ScenarioStore.v1
 * @BFG_SNAPSHOT_ERROR_DUPLICATE_KEY: two rows share a primary key
 * @BFG_SNAPSHOT_ERROR_SQLITE: the workspace refused a read or a write
 *
 * Why a snapshot could not be exported, digested or imported.
 */
typedef enum
{
  BFG_SNAPSHOT_ERROR_MALFORMED,
  BFG_SNAPSHOT_ERROR_WRONG_SCHEMA,
  BFG_SNAPSHOT_ERROR_WRONG_VERSION,
  BFG_SNAPSHOT_ERROR_BAD_TYPE,
  BFG_SNAPSHOT_ERROR_DANGLING_REFERENCE,
  BFG_SNAPSHOT_ERROR_DIGEST_MISMATCH,
  BFG_SNAPSHOT_ERROR_UNKNOWN_TABLE,
  BFG_SNAPSHOT_ERROR_DUPLICATE_KEY,
  BFG_SNAPSHOT_ERROR_SQLITE,
} BfgSnapshotError;

/**
 * BfgDryRunError:
 * @BFG_DRY_RUN_ERROR_SCHEMA_MISSING: the target lacks the runbook schema,
 *   a table or a column
 * @BFG_DRY_RUN_ERROR_TYPE_MISMATCH: a workspace value or column does not fit
 *   its target column
 * @BFG_DRY_RUN_ERROR_DIGEST_MISMATCH: rows read back differ from the
 *   snapshot
 * @BFG_DRY_RUN_ERROR_CONNECTION: the target could not be reached or the
 *   connection was lost mid-replay
 * @BFG_DRY_RUN_ERROR_TARGET: the target refused a statement
 * @BFG_DRY_RUN_ERROR_NO_PASSWORD: the endpoint's password is not available
 * @BFG_DRY_RUN_ERROR_CLAIMS: an actor cannot become a target claim
 * @BFG_DRY_RUN_ERROR_WORKSPACE_CHANGED: the workspace changed during the
 *   dry-run, so the file-local fallback no longer matches the snapshot
 * @BFG_DRY_RUN_ERROR_FAILED: a step failed; the transcript names it
 * @BFG_DRY_RUN_ERROR_REFERENCE: replayed rows refer to rows that the
 *   tenant's data does not have
 *
 * Why a dry-run step failed.
 */
typedef enum
{
  BFG_DRY_RUN_ERROR_SCHEMA_MISSING,
  BFG_DRY_RUN_ERROR_TYPE_MISMATCH,
  BFG_DRY_RUN_ERROR_DIGEST_MISMATCH,
  BFG_DRY_RUN_ERROR_CONNECTION,
  BFG_DRY_RUN_ERROR_TARGET,
  BFG_DRY_RUN_ERROR_NO_PASSWORD,
  BFG_DRY_RUN_ERROR_CLAIMS,
  BFG_DRY_RUN_ERROR_WORKSPACE_CHANGED,
  BFG_DRY_RUN_ERROR_FAILED,
  BFG_DRY_RUN_ERROR_REFERENCE,
} BfgDryRunError;

#define BFG_SNAPSHOT_ERROR (bfg_snapshot_error_quark ())
#define BFG_DRY_RUN_ERROR (bfg_dry_run_error_quark ())

GQuark bfg_snapshot_error_quark (void);
GQuark bfg_dry_run_error_quark (void);

G_END_DECLS

G_BEGIN_DECLS

/**
 * BfgBundleError:
 * @BFG_BUNDLE_ERROR_MANIFEST: manifest.json is missing, not JSON,
 *   truncated or not shaped like a bundle manifest
 * @BFG_BUNDLE_ERROR_MISSING_FILE: a file the manifest lists is missing
 * @BFG_BUNDLE_ERROR_MODIFIED: a file's size or SHA-256 differs from the
 *   manifest
 * @BFG_BUNDLE_ERROR_UNLISTED: the folder holds a file the manifest does
 *   not list
 * @BFG_BUNDLE_ERROR_NOT_EMPTY: the export folder already holds files
 * @BFG_BUNDLE_ERROR_IO: the folder or a file could not be created, read or
 *   written
 *
 * Why a review bundle could not be exported or failed verification. The
 * message always names the file concerned.
 */
typedef enum
{
  BFG_BUNDLE_ERROR_MANIFEST,
  BFG_BUNDLE_ERROR_MISSING_FILE,
  BFG_BUNDLE_ERROR_MODIFIED,
  BFG_BUNDLE_ERROR_UNLISTED,
  BFG_BUNDLE_ERROR_NOT_EMPTY,
  BFG_BUNDLE_ERROR_IO,
} BfgBundleError;

/**
 * BfgPacketError:
 * @BFG_PACKET_ERROR_UNKNOWN: no packet has that name
 *
 * Why a packet could not be rendered.
 */
typedef enum
{
  BFG_PACKET_ERROR_UNKNOWN,
} BfgPacketError;

#define BFG_BUNDLE_ERROR (bfg_bundle_error_quark ())
#define BFG_PACKET_ERROR (bfg_packet_error_quark ())

GQuark bfg_bundle_error_quark (void);
GQuark bfg_packet_error_quark (void);

G_END_DECLS

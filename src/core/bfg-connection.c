/* bfg-connection.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bfg-connection.h"

#include "bfg-error.h"

/* The evidence each probe step records, in step order. */
static const struct
{
  const char *step_id;
  const char *check_id;
} step_checks[] = {
  { BFG_PROBE_STEP_REACHABILITY, "connection.reachability" },
  { BFG_PROBE_STEP_TLS, "connection.tls" },
  { BFG_PROBE_STEP_RBAC_SESSION, "connection.rbacSession" },
  { BFG_PROBE_STEP_WRITE_PROBE, "connection.writeProbe" },
};

/* The tenant the probe proves isolation for when the workspace names none. */
#define FALLBACK_TENANT "single-tenant-local"

/**
 * bfg_connection_save_endpoint:
 * @workspace: a #BfgWorkspace
 * @actor_id: the acting actor; needs evidence.record
 * @endpoint: a valid endpoint
 * @error: return location for a #BfgEndpointError or a workspace error
 *
 * Stores the non-secret fields of @endpoint in the workspace, as one
 * audited setting. The password is not part of an endpoint and goes to
 * the keyring through bfg_secret_store_async().
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_connection_save_endpoint (BfgWorkspace  *workspace,
                              const char    *actor_id,
                              BfgEndpoint   *endpoint,
                              GError       **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *value = NULL;
  const char *ca_file;

  g_return_val_if_fail (BFG_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (actor_id != NULL, FALSE);
  g_return_val_if_fail (BFG_IS_ENDPOINT (endpoint), FALSE);

  if (!bfg_endpoint_validate (endpoint, error))
    return FALSE;

  uri = bfg_endpoint_to_redacted_uri (endpoint);
  ca_file = bfg_endpoint_get_ca_file (endpoint);
  if (ca_file != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (ca_file, "/", FALSE);

      value = g_strdup_printf ("%s&sslrootcert=%s", uri, escaped);
    }
  else
    {
      value = g_steal_pointer (&uri);
    }

  return bfg_workspace_set_setting (workspace, actor_id, BFG_CONNECTION_ENDPOINT_SETTING,
                                    value, error);
}

/**
 * bfg_connection_load_endpoint:
 * @workspace: a #BfgWorkspace
 * @error: return location for a #BfgEndpointError
 *
 * Returns: (transfer full) (nullable): the saved endpoint, or %NULL with
 *   @error unset when none was saved yet
 */
BfgEndpoint *
bfg_connection_load_endpoint (BfgWorkspace  *workspace,
                              GError       **error)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (BFG_IS_WORKSPACE (workspace), NULL);

  value = bfg_workspace_get_setting (workspace, BFG_CONNECTION_ENDPOINT_SETTING);
  if (value == NULL)
    return NULL;

  return bfg_endpoint_new_from_uri (value, error);
}

/**
 * bfg_connection_dup_pinned_fingerprint:
 * @workspace: a #BfgWorkspace
 *
 * The fingerprint an owner accepted for connection.tls is the pin: a
 * later probe that sees another certificate fails.
 *
 * Returns: (transfer full) (nullable): the pinned fingerprint
 */
char *
bfg_connection_dup_pinned_fingerprint (BfgWorkspace *workspace)
{
  g_return_val_if_fail (BFG_IS_WORKSPACE (workspace), NULL);

  return bfg_workspace_dup_accepted_value (workspace, "connection.tls");
}

/**
 * bfg_connection_dup_tenant_id:
 * @workspace: a #BfgWorkspace
 *
 * Returns: (transfer full): the tenant of the workspace's session, whose
 *   isolation the RBAC step proves
 */
char *
bfg_connection_dup_tenant_id (BfgWorkspace *workspace)
{
  char *tenant;

  g_return_val_if_fail (BFG_IS_WORKSPACE (workspace), NULL);

  tenant = bfg_workspace_dup_session_value (workspace, "tenant");
  if (tenant == NULL || tenant[0] == '\0')
    {
      g_free (tenant);
      tenant = g_strdup (FALLBACK_TENANT);
    }

  return tenant;
}

/**
 * bfg_connection_prepare_probe:
 * @workspace: a #BfgWorkspace
 * @error: return location for a #BfgProbeError
 *
 * Builds probe options from the workspace: the saved endpoint, the
 * session's tenant and the pinned fingerprint. The caller adds the
 * password (bfg_probe_options_set_password()) or the reason there is
 * none (bfg_probe_options_set_password_error()).
 *
 * Returns: (transfer full) (nullable): the options, or %NULL when no
 *   endpoint was saved or it is invalid
 */
BfgProbeOptions *
bfg_connection_prepare_probe (BfgWorkspace  *workspace,
                              GError       **error)
{
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autofree char *tenant = NULL;
  g_autofree char *pinned = NULL;
  g_autoptr(GError) local_error = NULL;
  BfgProbeOptions *options;

  g_return_val_if_fail (BFG_IS_WORKSPACE (workspace), NULL);

  endpoint = bfg_connection_load_endpoint (workspace, &local_error);
  if (endpoint == NULL)
    {
      g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_INVALID_OPTIONS,
                   "%s", local_error ? local_error->message
                                     : _("No endpoint is saved in this workspace; "
                                         "set one first"));
      return NULL;
    }

  tenant = bfg_connection_dup_tenant_id (workspace);
  pinned = bfg_connection_dup_pinned_fingerprint (workspace);

  options = bfg_probe_options_new (endpoint, tenant);
  bfg_probe_options_set_pinned_fingerprint (options, pinned);

  return options;
}

/**
 * bfg_connection_record_result:
 * @workspace: a #BfgWorkspace
 * @actor_id: the acting actor
 * @result: a finished probe
 * @error: return location for a workspace or RBAC error
 *
 * Records each step as evidence for its check: connection.reachability,
 * connection.tls (with the fingerprint as value), connection.rbacSession
 * and connection.writeProbe. A step counts as passed only if it passed;
 * failed and skipped steps are recorded as failed with their reason.
 *
 * Returns: %TRUE if all four were recorded
 */
gboolean
bfg_connection_record_result (BfgWorkspace    *workspace,
                              const char      *actor_id,
                              BfgProbeResult  *result,
                              GError         **error)
{
  g_return_val_if_fail (BFG_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (actor_id != NULL, FALSE);
  g_return_val_if_fail (BFG_IS_PROBE_RESULT (result), FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (step_checks); i++)
    {
      const char *step = step_checks[i].step_id;
      gboolean passed = bfg_probe_result_get_step_status (result, step) ==
                        BFG_PROBE_STATUS_PASS;
      const char *value = NULL;

      if (g_str_equal (step, BFG_PROBE_STEP_TLS))
        value = bfg_probe_result_get_fingerprint (result);
      else if (g_str_equal (step, BFG_PROBE_STEP_REACHABILITY))
        value = bfg_probe_result_get_endpoint (result);

      if (!bfg_workspace_record_step_evidence (workspace, actor_id, step_checks[i].check_id,
                                               passed, value,
                                               bfg_probe_result_get_step_detail (result, step),
                                               error))
        return FALSE;
    }

  return TRUE;
}

/* fuzz-endpoint.c: endpoint URIs, parsed and redacted
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The URI comes from the user, a pasted connection string or a workspace
 * setting. Whatever it is, parsing must not crash, a password must never
 * be accepted, and an endpoint that validates must survive the trip
 * through its redacted URI unchanged: that URI is what the workspace,
 * the packets and the keyring attributes store.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bfg-endpoint.h"
#include "fuzz-common.h"

/* Longer URIs add nothing that a short one cannot reach. */
#define FUZZ_MAX_INPUT 4096

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_common_init ();
  return 0;
}

static void
check_round_trip (BfgEndpoint *endpoint)
{
  g_autofree char *redacted = bfg_endpoint_to_redacted_uri (endpoint);
  g_autoptr(BfgEndpoint) again = NULL;
  g_autoptr(GError) error = NULL;

  if (redacted == NULL || strchr (redacted, ':') == NULL)
    abort ();

  again = bfg_endpoint_new_from_uri (redacted, &error);
  if (again == NULL)
    {
      g_printerr ("fuzz-endpoint: %s does not parse back: %s\n", redacted,
                  error->message);
      abort ();
    }

  /* The redacted form leaves out the CA file, nothing else. */
  if (g_strcmp0 (bfg_endpoint_get_host (endpoint),
                 bfg_endpoint_get_host (again)) != 0 ||
      bfg_endpoint_get_port (endpoint) != bfg_endpoint_get_port (again) ||
      g_strcmp0 (bfg_endpoint_get_database (endpoint),
                 bfg_endpoint_get_database (again)) != 0 ||
      g_strcmp0 (bfg_endpoint_get_user (endpoint),
                 bfg_endpoint_get_user (again)) != 0 ||
      bfg_endpoint_get_sslmode (endpoint) != bfg_endpoint_get_sslmode (again))
    {
      g_printerr ("fuzz-endpoint: %s does not round-trip\n", redacted);
      abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *uri = NULL;
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;

  if (size > FUZZ_MAX_INPUT)
    return -1;

  uri = g_strndup ((const char *) data, size);
  endpoint = bfg_endpoint_new_from_uri (uri, &error);
  if (endpoint == NULL)
    {
      /* A refusal must say why. */
      if (error == NULL || error->message == NULL || *error->message == '\0')
        abort ();
      return 0;
    }

  if (error != NULL)
    abort ();

  g_clear_error (&error);
  if (!bfg_endpoint_validate (endpoint, &error))
    return 0;

  check_round_trip (endpoint);

  return 0;
}

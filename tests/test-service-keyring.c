/* test-service-keyring.c: a real Secret Service answers on the session bus
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libsecret/secret.h>

#include "bfg-test-services.h"

static const SecretSchema test_schema = {
  "com.bfgcontrol.Console.ServiceTest", SECRET_SCHEMA_NONE,
  {
    { "probe", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

static void
test_store_and_lookup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nonce = g_strdup_printf ("%08x", g_random_int ());
  g_autofree char *secret = g_strdup_printf ("s3cret-%s", nonce);
  char *found;
  gboolean ok;

  ok = secret_password_store_sync (&test_schema, SECRET_COLLECTION_DEFAULT,
                                   "BFG service test", secret, NULL, &error,
                                   "probe", nonce, NULL);
  g_assert_no_error (error);
  g_assert_true (ok);

  found = secret_password_lookup_sync (&test_schema, NULL, &error, "probe", nonce, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, secret);
  secret_password_free (found);

  ok = secret_password_clear_sync (&test_schema, NULL, &error, "probe", nonce, NULL);
  g_assert_no_error (error);
  g_assert_true (ok);

  found = secret_password_lookup_sync (&test_schema, NULL, &error, "probe", nonce, NULL);
  g_assert_no_error (error);
  g_assert_null (found);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  bfg_test_require_keyring ();

  g_test_add_func ("/services/keyring/store-and-lookup", test_store_and_lookup);

  return g_test_run ();
}

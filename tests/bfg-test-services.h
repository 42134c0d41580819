/* bfg-test-services.h: find the services that build-aux/test-services starts
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each returns TRUE when the service is there. Otherwise it ends the test
 * program: with exit status 77 (skipped) and a one-line reason, or, when
 * BFG_TEST_REQUIRE_SERVICES=1, as a failure. Call them before
 * g_test_run(), so that a missing service never looks like a pass. */
gboolean    bfg_test_require_pg      (void);
gboolean    bfg_test_require_keyring (void);
gboolean    bfg_test_require_display (void);

/* The second keyring of build-aux/test-services, whose default collection
 * is locked and which no prompt can unlock. Returns its bus address. */
const char *bfg_test_require_locked_keyring (void);

/* A libpq connection string for the test server, verify-full against the
 * test CA. It carries the test role's password: never print it. */
char       *bfg_test_pg_conninfo     (gboolean    superuser,
                                      const char *dbname);

G_END_DECLS

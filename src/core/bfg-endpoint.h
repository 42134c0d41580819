/* bfg-endpoint.h: where the production PostgreSQL adapter lives
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BfgSslMode:
 * @BFG_SSL_MODE_VERIFY_FULL: check the chain against the CA and the host
 *   name against the certificate (the default)
 * @BFG_SSL_MODE_VERIFY_CA: check the chain only
 * @BFG_SSL_MODE_REQUIRE: encrypt without checking; allowed, but weak
 *
 * How the connection to the adapter is protected. Modes weaker than
 * require (allow, prefer, disable) are never accepted.
 */
typedef enum
{
  BFG_SSL_MODE_VERIFY_FULL,
  BFG_SSL_MODE_VERIFY_CA,
  BFG_SSL_MODE_REQUIRE,
} BfgSslMode;

#define BFG_TYPE_SSL_MODE (bfg_ssl_mode_get_type ())
GType        bfg_ssl_mode_get_type    (void) G_GNUC_CONST;
const char  *bfg_ssl_mode_to_string   (BfgSslMode    mode);
gboolean     bfg_ssl_mode_from_string (const char   *text,
                                       BfgSslMode   *mode);

#define BFG_ENDPOINT_DEFAULT_PORT 5432

#define BFG_TYPE_ENDPOINT (bfg_endpoint_get_type ())
G_DECLARE_FINAL_TYPE (BfgEndpoint, bfg_endpoint, BFG, ENDPOINT, GObject)

BfgEndpoint *bfg_endpoint_new               (const char   *host,
                                             guint         port,
                                             const char   *database,
                                             const char   *user,
                                             BfgSslMode    sslmode,
                                             const char   *ca_file);
BfgEndpoint *bfg_endpoint_new_from_uri      (const char   *uri,
                                             GError      **error);
const char  *bfg_endpoint_get_host          (BfgEndpoint  *self);
guint        bfg_endpoint_get_port          (BfgEndpoint  *self);
const char  *bfg_endpoint_get_database      (BfgEndpoint  *self);
const char  *bfg_endpoint_get_user          (BfgEndpoint  *self);
BfgSslMode   bfg_endpoint_get_sslmode       (BfgEndpoint  *self);
const char  *bfg_endpoint_get_ca_file       (BfgEndpoint  *self);
gboolean     bfg_endpoint_get_weak_tls      (BfgEndpoint  *self);
gboolean     bfg_endpoint_validate          (BfgEndpoint  *self,
                                             GError      **error);
char        *bfg_endpoint_to_redacted_uri   (BfgEndpoint  *self);
gboolean     bfg_endpoint_equal             (BfgEndpoint  *a,
                                             BfgEndpoint  *b);

G_END_DECLS

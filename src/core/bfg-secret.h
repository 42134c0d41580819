/* bfg-secret.h: the endpoint password, kept in the keyring only
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "bfg-endpoint.h"

G_BEGIN_DECLS

const SecretSchema *bfg_secret_get_schema      (void);

void      bfg_secret_store_async               (BfgEndpoint          *endpoint,
                                                const char           *password,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean  bfg_secret_store_finish              (GAsyncResult         *result,
                                                GError              **error);
gboolean  bfg_secret_store_sync                (BfgEndpoint          *endpoint,
                                                const char           *password,
                                                GCancellable         *cancellable,
                                                GError              **error);

void      bfg_secret_lookup_async              (BfgEndpoint          *endpoint,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
char     *bfg_secret_lookup_finish             (GAsyncResult         *result,
                                                GError              **error);
char     *bfg_secret_lookup_sync               (BfgEndpoint          *endpoint,
                                                GCancellable         *cancellable,
                                                GError              **error);

void      bfg_secret_clear_async               (BfgEndpoint          *endpoint,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean  bfg_secret_clear_finish              (GAsyncResult         *result,
                                                GError              **error);
gboolean  bfg_secret_clear_sync                (BfgEndpoint          *endpoint,
                                                GCancellable         *cancellable,
                                                GError              **error);

void      bfg_secret_session_remember          (BfgEndpoint          *endpoint,
                                                const char           *password);
char     *bfg_secret_session_lookup            (BfgEndpoint          *endpoint);
void      bfg_secret_session_forget            (BfgEndpoint          *endpoint);
void      bfg_secret_session_clear             (void);

G_END_DECLS

/* bfg-sha256.h: SHA-256 of the rows the console digests
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * BfgSha256:
 *
 * A running SHA-256, as #GChecksum keeps one, computed by libcrypto, which
 * uses the processor's SHA instructions where it has them. Snapshots,
 * dry-runs and their read-backs digest every row of a workspace, up to
 * hundreds of megabytes per pass; the digests are the same as
 * %G_CHECKSUM_SHA256 gives.
 */
typedef struct _BfgSha256 BfgSha256;

BfgSha256  *bfg_sha256_new        (void);
void        bfg_sha256_update     (BfgSha256  *self,
                                   const void *data,
                                   gsize       length);
const char *bfg_sha256_get_string (BfgSha256  *self);
void        bfg_sha256_free       (BfgSha256  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfgSha256, bfg_sha256_free)

G_END_DECLS

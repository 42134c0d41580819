/* bfg-bundle.h: review bundles, exported and verified offline
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bfg-error.h"
#include "bfg-workspace.h"

G_BEGIN_DECLS

/**
 * BFG_BUNDLE_FORMAT:
 *
 * The "bundle" member of every manifest this program writes and reads.
 */
#define BFG_BUNDLE_FORMAT "BFGReviewBundle.v1"

/**
 * BFG_BUNDLE_MANIFEST:
 *
 * The manifest's file name inside a bundle folder.
 */
#define BFG_BUNDLE_MANIFEST "manifest.json"

/**
 * BFG_BUNDLE_PERMISSION:
 *
 * The permission an actor needs to export a bundle.
 */
#define BFG_BUNDLE_PERMISSION "bundle.export"

gboolean bfg_bundle_export (BfgWorkspace  *workspace,
                            const char    *actor_id,
                            const char    *dir,
                            char         **manifest_sha256,
                            GError       **error);
gboolean bfg_bundle_verify (const char    *dir,
                            GError       **error);

G_END_DECLS

/* bfg-core.h: the core library's umbrella header
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bfg-types.h"
#include "bfg-error.h"
#include "bfg-plan.h"
#include "bfg-audit.h"
#include "bfg-workspace.h"
#include "bfg-engine.h"
#include "bfg-models.h"

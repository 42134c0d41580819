/* bfg-models.c: the objects the UI binds to
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every setter compares before it assigns, so a refresh of the engine
 * notifies only what changed and bound widgets redraw only then.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bfg-models-private.h"

static gboolean
replace_string (GObject    *object,
                char      **field,
                const char *value,
                GParamSpec *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);

  return TRUE;
}

#define PARAM_RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | \
                  G_PARAM_EXPLICIT_NOTIFY)

static GParamSpec *
string_param (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, PARAM_RO);
}

static GParamSpec *
uint_param (const char *name,
            guint       max)
{
  return g_param_spec_uint (name, NULL, NULL, 0, max, 0, PARAM_RO);
}

/* BfgCheck */

struct _BfgCheck
{
  GObject             parent_instance;

  const BfgCheckInfo *info;
  BfgCheckState       state;
  char               *summary;
  char               *detail;
  char               *value;
  char               *owner_name;
  char               *recorded_by;
  char               *accepted_by;
};

G_DEFINE_FINAL_TYPE (BfgCheck, bfg_check, G_TYPE_OBJECT)

enum {
  CHECK_PROP_0,
  CHECK_PROP_ID,
  CHECK_PROP_TITLE,
  CHECK_PROP_DESCRIPTION,
  CHECK_PROP_SECTION,
  CHECK_PROP_OWNER,
  CHECK_PROP_OWNER_NAME,
  CHECK_PROP_PERMISSION,
  CHECK_PROP_KIND,
  CHECK_PROP_STATE,
  CHECK_PROP_STATE_LABEL,
  CHECK_PROP_EVIDENCE_SUMMARY,
  CHECK_PROP_EVIDENCE_DETAIL,
  CHECK_PROP_VALUE,
  CHECK_PROP_REQUIRES,
  CHECK_PROP_RECORDED_BY,
  CHECK_PROP_ACCEPTED_BY,
  CHECK_N_PROPS
};

static GParamSpec *check_props[CHECK_N_PROPS];

static void
bfg_check_finalize (GObject *object)
{
  BfgCheck *self = (BfgCheck *) object;

  g_free (self->summary);
  g_free (self->detail);
  g_free (self->value);
  g_free (self->owner_name);
  g_free (self->recorded_by);
  g_free (self->accepted_by);

  G_OBJECT_CLASS (bfg_check_parent_class)->finalize (object);
}

static void
bfg_check_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BfgCheck *self = BFG_CHECK (object);

  switch (prop_id)
    {
    case CHECK_PROP_ID:
      g_value_set_string (value, bfg_check_get_id (self));
      break;
    case CHECK_PROP_TITLE:
      g_value_set_string (value, bfg_check_get_title (self));
      break;
    case CHECK_PROP_DESCRIPTION:
      g_value_set_string (value, bfg_check_get_description (self));
      break;
    case CHECK_PROP_SECTION:
      g_value_set_string (value, bfg_check_get_section (self));
      break;
    case CHECK_PROP_OWNER:
      g_value_set_string (value, bfg_check_get_owner (self));
      break;
    case CHECK_PROP_OWNER_NAME:
      g_value_set_string (value, bfg_check_get_owner_name (self));
      break;
    case CHECK_PROP_PERMISSION:
      g_value_set_string (value, bfg_check_get_permission (self));
      break;
    case CHECK_PROP_KIND:
      g_value_set_enum (value, bfg_check_get_kind (self));
      break;
    case CHECK_PROP_STATE:
      g_value_set_enum (value, bfg_check_get_state (self));
      break;
    case CHECK_PROP_STATE_LABEL:
      g_value_set_string (value, bfg_check_get_state_label (self));
      break;
    case CHECK_PROP_EVIDENCE_SUMMARY:
      g_value_set_string (value, bfg_check_get_evidence_summary (self));
      break;
    case CHECK_PROP_EVIDENCE_DETAIL:
      g_value_set_string (value, bfg_check_get_evidence_detail (self));
      break;
    case CHECK_PROP_VALUE:
      g_value_set_string (value, bfg_check_get_value (self));
      break;
    case CHECK_PROP_REQUIRES:
      g_value_set_boxed (value, bfg_check_get_requires (self));
      break;
    case CHECK_PROP_RECORDED_BY:
      g_value_set_string (value, bfg_check_get_recorded_by (self));
      break;
    case CHECK_PROP_ACCEPTED_BY:
      g_value_set_string (value, bfg_check_get_accepted_by (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_check_class_init (BfgCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bfg_check_finalize;
  object_class->get_property = bfg_check_get_property;

  check_props[CHECK_PROP_ID] = string_param ("id");
  check_props[CHECK_PROP_TITLE] = string_param ("title");
  check_props[CHECK_PROP_DESCRIPTION] = string_param ("description");
  check_props[CHECK_PROP_SECTION] = string_param ("section");
  check_props[CHECK_PROP_OWNER] = string_param ("owner");
  check_props[CHECK_PROP_OWNER_NAME] = string_param ("owner-name");
  check_props[CHECK_PROP_PERMISSION] = string_param ("permission");
  check_props[CHECK_PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, BFG_TYPE_CHECK_KIND,
                       BFG_CHECK_KIND_RECORDED, PARAM_RO);
  check_props[CHECK_PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, BFG_TYPE_CHECK_STATE,
                       BFG_CHECK_STATE_BLOCKED, PARAM_RO);
  check_props[CHECK_PROP_STATE_LABEL] = string_param ("state-label");
  check_props[CHECK_PROP_EVIDENCE_SUMMARY] = string_param ("evidence-summary");
  check_props[CHECK_PROP_EVIDENCE_DETAIL] = string_param ("evidence-detail");
  check_props[CHECK_PROP_VALUE] = string_param ("value");
  check_props[CHECK_PROP_REQUIRES] =
    g_param_spec_boxed ("requires", NULL, NULL, G_TYPE_STRV, PARAM_RO);
  check_props[CHECK_PROP_RECORDED_BY] = string_param ("recorded-by");
  check_props[CHECK_PROP_ACCEPTED_BY] = string_param ("accepted-by");

  g_object_class_install_properties (object_class, CHECK_N_PROPS,
                                     check_props);
}

static void
bfg_check_init (BfgCheck *self)
{
}

BfgCheck *
bfg_check_new (const BfgCheckInfo *info)
{
  BfgCheck *self = g_object_new (BFG_TYPE_CHECK, NULL);

  self->info = info;

  return self;
}

void
bfg_check_update (BfgCheck      *self,
                  BfgCheckState  state,
                  const char    *summary,
                  const char    *detail,
                  const char    *value,
                  const char    *owner_name,
                  const char    *recorded_by,
                  const char    *accepted_by)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (object, check_props[CHECK_PROP_STATE]);
      g_object_notify_by_pspec (object, check_props[CHECK_PROP_STATE_LABEL]);
    }

  replace_string (object, &self->summary, summary,
                  check_props[CHECK_PROP_EVIDENCE_SUMMARY]);
  replace_string (object, &self->detail, detail,
                  check_props[CHECK_PROP_EVIDENCE_DETAIL]);
  replace_string (object, &self->value, value, check_props[CHECK_PROP_VALUE]);
  replace_string (object, &self->owner_name, owner_name,
                  check_props[CHECK_PROP_OWNER_NAME]);
  replace_string (object, &self->recorded_by, recorded_by,
                  check_props[CHECK_PROP_RECORDED_BY]);
  replace_string (object, &self->accepted_by, accepted_by,
                  check_props[CHECK_PROP_ACCEPTED_BY]);

  g_object_thaw_notify (object);
}

/**
 * bfg_check_get_id:
 * @self: a check
 *
 * Returns: the check id, such as "connection.tls"
 */
const char *
bfg_check_get_id (BfgCheck *self)
{
  g_return_val_if_fail (BFG_IS_CHECK (self), NULL);
  return self->info->id;
}

/**
 * bfg_check_get_title:
 * @self: a check
 *
 * Returns: the translated title
 */
const char *
bfg_check_get_title (BfgCheck *self)
{
  g_return_val_if_fail (BFG_IS_CHECK (self), NULL);
  return g_dgettext (GETTEXT_PACKAGE, self->info->title);
}

/**
 * bfg_check_get_description:
 * @self: a check
 *
 * Returns: the translated description
 */
const char *
bfg_check_get_description (BfgCheck *self)
{
  g_return_val_if_fail (BFG_IS_CHECK (self), NULL);
  return g_dgettext (GETTEXT_PACKAGE, self->info->description);
}

/**
 * bfg_check_get_section:
 * @self: a check
 *
 * Returns: the id of the check's section
 */
const char *
bfg_check_get_section (BfgCheck *self)
{
  g_return_val_if_fail (BFG_IS_CHECK (self), NULL);
  return self->info->section;
}

/**
 * bfg_check_get_owner:
 * @self: a check
 *
 * Returns: the owner's actor id
 */
const char *
bfg_check_get_owner (BfgCheck *self)
{
  g_return_val_if_fail (BFG_IS_CHECK (self), NULL);
  return self->info->owner;
}

/**
 * bfg_check_get_owner_name:
 * @self: a check
 *
 * Returns: (nullable): the owner's display name
 */
const char *
bfg_check_get_owner_name (BfgCheck *self)
{
  g_return_val_if_fail (BFG_IS_CHECK (self), NULL);
  return self->owner_name;
}

/**
 * bfg_check_get_permission:
 * @self: a check
 *
 * Returns: (nullable): the permission accepting needs, or %NULL for kinds
 *   nobody signs
 */
const char *
bfg_check_get_permission (BfgCheck *self)
{
  g_return_val_if_fail (BFG_IS_CHECK (self), NULL);
  return self->info->permission;
}

/**
 * bfg_check_get_kind:
 * @self: a check
 *
 * Returns: the evidence kind
 */
BfgCheckKind
bfg_check_get_kind (BfgCheck *self)
{
  g_return_val_if_fail (BFG_IS_CHECK (self), BFG_CHECK_KIND_RECORDED);
  return self->info->kind;
}

/**
 * bfg_check_get_state:
 * @self: a check
 *
 * Returns: the state
 */
BfgCheckState
bfg_check_get_state (BfgCheck *self)
{
  g_return_val_if_fail (BFG_IS_CHECK (self), BFG_CHECK_STATE_BLOCKED);
  return self->state;
}

/**
 * bfg_check_get_state_label:
 * @self: a check
 *
 * Returns: the translated label of the state's pill
 */
const char *
bfg_check_get_state_label (BfgCheck *self)
{
  g_return_val_if_fail (BFG_IS_CHECK (self), NULL);
  return bfg_check_state_to_label (self->state);
}

/**
 * bfg_check_get_evidence_summary:
 * @self: a check
 *
 * Returns: (nullable): the evidence the row shows
 */
const char *
bfg_check_get_evidence_summary (BfgCheck *self)
{
  g_return_val_if_fail (BFG_IS_CHECK (self), NULL);
  return self->summary;
}

/**
 * bfg_check_get_evidence_detail:
 * @self: a check
 *
 * Returns: (nullable): what a probe or dry-run step found, in its own
 *   sentence; %NULL for other evidence
 */
const char *
bfg_check_get_evidence_detail (BfgCheck *self)
{
  g_return_val_if_fail (BFG_IS_CHECK (self), NULL);
  return self->detail;
}

/**
 * bfg_check_get_value:
 * @self: a check
 *
 * Returns: (nullable): the value the check shows or binds
 */
const char *
bfg_check_get_value (BfgCheck *self)
{
  g_return_val_if_fail (BFG_IS_CHECK (self), NULL);
  return self->value;
}

/**
 * bfg_check_get_requires:
 * @self: a check
 *
 * Returns: (nullable) (array zero-terminated=1): what it requires
 */
const char * const *
bfg_check_get_requires (BfgCheck *self)
{
  g_return_val_if_fail (BFG_IS_CHECK (self), NULL);
  return self->info->requires;
}

/**
 * bfg_check_get_recorded_by:
 * @self: a check
 *
 * Returns: (nullable): who recorded the current evidence
 */
const char *
bfg_check_get_recorded_by (BfgCheck *self)
{
  g_return_val_if_fail (BFG_IS_CHECK (self), NULL);
  return self->recorded_by;
}

/**
 * bfg_check_get_accepted_by:
 * @self: a check
 *
 * Returns: (nullable): who accepted it, while the acceptance is active
 */
const char *
bfg_check_get_accepted_by (BfgCheck *self)
{
  g_return_val_if_fail (BFG_IS_CHECK (self), NULL);
  return self->accepted_by;
}

/* BfgSection: a list model of its checks. */

struct _BfgSection
{
  GObject               parent_instance;

  const BfgSectionInfo *info;
  GPtrArray            *checks;
  guint                 ready;
  BfgCheckState         state;
  char                 *decision;
  char                 *counts_label;
  BfgSection           *batches;
};

static void bfg_section_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BfgSection, bfg_section, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      bfg_section_list_model_init))

enum {
  SECTION_PROP_0,
  SECTION_PROP_ID,
  SECTION_PROP_TITLE,
  SECTION_PROP_DESCRIPTION,
  SECTION_PROP_READY,
  SECTION_PROP_TOTAL,
  SECTION_PROP_STATE,
  SECTION_PROP_DECISION,
  SECTION_PROP_COUNTS_LABEL,
  SECTION_PROP_BATCHES,
  SECTION_N_PROPS
};

static GParamSpec *section_props[SECTION_N_PROPS];

static GType
bfg_section_get_item_type (GListModel *model)
{
  return BFG_TYPE_CHECK;
}

static guint
bfg_section_get_n_items (GListModel *model)
{
  return BFG_SECTION (model)->checks->len;
}

static gpointer
bfg_section_get_item (GListModel *model,
                      guint       position)
{
  BfgSection *self = BFG_SECTION (model);

  if (position >= self->checks->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->checks, position));
}

static void
bfg_section_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = bfg_section_get_item_type;
  iface->get_n_items = bfg_section_get_n_items;
  iface->get_item = bfg_section_get_item;
}

static void
bfg_section_dispose (GObject *object)
{
  BfgSection *self = (BfgSection *) object;

  g_clear_object (&self->batches);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (bfg_section_parent_class)->dispose (object);
}

static void
bfg_section_finalize (GObject *object)
{
  BfgSection *self = (BfgSection *) object;

  g_free (self->decision);
  g_free (self->counts_label);

  G_OBJECT_CLASS (bfg_section_parent_class)->finalize (object);
}

static void
bfg_section_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BfgSection *self = BFG_SECTION (object);

  switch (prop_id)
    {
    case SECTION_PROP_ID:
      g_value_set_string (value, bfg_section_get_id (self));
      break;
    case SECTION_PROP_TITLE:
      g_value_set_string (value, bfg_section_get_title (self));
      break;
    case SECTION_PROP_DESCRIPTION:
      g_value_set_string (value, bfg_section_get_description (self));
      break;
    case SECTION_PROP_READY:
      g_value_set_uint (value, self->ready);
      break;
    case SECTION_PROP_TOTAL:
      g_value_set_uint (value, bfg_section_get_total (self));
      break;
    case SECTION_PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case SECTION_PROP_DECISION:
      g_value_set_string (value, self->decision);
      break;
    case SECTION_PROP_COUNTS_LABEL:
      g_value_set_string (value, self->counts_label);
      break;
    case SECTION_PROP_BATCHES:
      g_value_set_object (value, self->batches);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_section_class_init (BfgSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bfg_section_dispose;
  object_class->finalize = bfg_section_finalize;
  object_class->get_property = bfg_section_get_property;

  section_props[SECTION_PROP_ID] = string_param ("id");
  section_props[SECTION_PROP_TITLE] = string_param ("title");
  section_props[SECTION_PROP_DESCRIPTION] = string_param ("description");
  section_props[SECTION_PROP_READY] = uint_param ("ready", G_MAXUINT);
  section_props[SECTION_PROP_TOTAL] = uint_param ("total", G_MAXUINT);
  section_props[SECTION_PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, BFG_TYPE_CHECK_STATE,
                       BFG_CHECK_STATE_BLOCKED, PARAM_RO);
  section_props[SECTION_PROP_DECISION] = string_param ("decision");
  section_props[SECTION_PROP_COUNTS_LABEL] = string_param ("counts-label");
  section_props[SECTION_PROP_BATCHES] =
    g_param_spec_object ("batches", NULL, NULL, BFG_TYPE_SECTION, PARAM_RO);

  g_object_class_install_properties (object_class, SECTION_N_PROPS,
                                     section_props);
}

static void
bfg_section_init (BfgSection *self)
{
}

BfgSection *
bfg_section_new (const BfgSectionInfo *info,
                 GPtrArray            *checks)
{
  BfgSection *self = g_object_new (BFG_TYPE_SECTION, NULL);

  self->info = info;
  self->checks = g_ptr_array_ref (checks);
  self->counts_label = g_strdup_printf ("0/%u", checks->len);

  return self;
}

void
bfg_section_update (BfgSection    *self,
                    guint          ready,
                    BfgCheckState  state,
                    const char    *decision)
{
  GObject *object = G_OBJECT (self);
  g_autofree char *label = NULL;

  g_object_freeze_notify (object);

  if (self->ready != ready)
    {
      self->ready = ready;
      g_object_notify_by_pspec (object, section_props[SECTION_PROP_READY]);
    }

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (object, section_props[SECTION_PROP_STATE]);
    }

  replace_string (object, &self->decision, decision,
                  section_props[SECTION_PROP_DECISION]);

  label = g_strdup_printf ("%u/%u", ready, self->checks->len);
  replace_string (object, &self->counts_label, label,
                  section_props[SECTION_PROP_COUNTS_LABEL]);

  g_object_thaw_notify (object);
}

void
bfg_section_set_batches (BfgSection *self,
                         BfgSection *batches)
{
  if (g_set_object (&self->batches, batches))
    g_object_notify_by_pspec (G_OBJECT (self),
                              section_props[SECTION_PROP_BATCHES]);
}

/**
 * bfg_section_get_id:
 * @self: a section
 *
 * Returns: the section id
 */
const char *
bfg_section_get_id (BfgSection *self)
{
  g_return_val_if_fail (BFG_IS_SECTION (self), NULL);
  return self->info->id;
}

/**
 * bfg_section_get_title:
 * @self: a section
 *
 * Returns: the translated title
 */
const char *
bfg_section_get_title (BfgSection *self)
{
  g_return_val_if_fail (BFG_IS_SECTION (self), NULL);
  return g_dgettext (GETTEXT_PACKAGE, self->info->title);
}

/**
 * bfg_section_get_description:
 * @self: a section
 *
 * Returns: the translated description
 */
const char *
bfg_section_get_description (BfgSection *self)
{
  g_return_val_if_fail (BFG_IS_SECTION (self), NULL);
  return g_dgettext (GETTEXT_PACKAGE, self->info->description);
}

/**
 * bfg_section_get_ready:
 * @self: a section
 *
 * Returns: how many of its checks are ready
 */
guint
bfg_section_get_ready (BfgSection *self)
{
  g_return_val_if_fail (BFG_IS_SECTION (self), 0);
  return self->ready;
}

/**
 * bfg_section_get_total:
 * @self: a section
 *
 * Returns: how many checks it has
 */
guint
bfg_section_get_total (BfgSection *self)
{
  g_return_val_if_fail (BFG_IS_SECTION (self), 0);
  return self->checks->len;
}

/**
 * bfg_section_get_state:
 * @self: a section
 *
 * Returns: the section's state
 */
BfgCheckState
bfg_section_get_state (BfgSection *self)
{
  g_return_val_if_fail (BFG_IS_SECTION (self), BFG_CHECK_STATE_BLOCKED);
  return self->state;
}

/**
 * bfg_section_get_decision:
 * @self: a section
 *
 * Returns: (nullable): the code of the decision shown with the section
 */
const char *
bfg_section_get_decision (BfgSection *self)
{
  g_return_val_if_fail (BFG_IS_SECTION (self), NULL);
  return self->decision;
}

/**
 * bfg_section_get_counts_label:
 * @self: a section
 *
 * Returns: "ready/total", for the sidebar badge
 */
const char *
bfg_section_get_counts_label (BfgSection *self)
{
  g_return_val_if_fail (BFG_IS_SECTION (self), NULL);
  return self->counts_label;
}

/**
 * bfg_section_get_batches:
 * @self: a section
 *
 * Returns: (transfer none) (nullable): the data batches shown inside the
 *   data cutover section
 */
BfgSection *
bfg_section_get_batches (BfgSection *self)
{
  g_return_val_if_fail (BFG_IS_SECTION (self), NULL);
  return self->batches;
}

/* BfgActor */

struct _BfgActor
{
  GObject   parent_instance;

  char     *id;
  char     *name;
  char     *desk;
  char     *role;
  char    **permissions;
};

G_DEFINE_FINAL_TYPE (BfgActor, bfg_actor, G_TYPE_OBJECT)

enum {
  ACTOR_PROP_0,
  ACTOR_PROP_ID,
  ACTOR_PROP_NAME,
  ACTOR_PROP_DESK,
  ACTOR_PROP_ROLE,
  ACTOR_PROP_ROLE_LABEL,
  ACTOR_PROP_PERMISSIONS,
  ACTOR_PROP_N_PERMISSIONS,
  ACTOR_N_PROPS
};

static GParamSpec *actor_props[ACTOR_N_PROPS];

static void
bfg_actor_finalize (GObject *object)
{
  BfgActor *self = (BfgActor *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->desk);
  g_free (self->role);
  g_strfreev (self->permissions);

  G_OBJECT_CLASS (bfg_actor_parent_class)->finalize (object);
}

static void
bfg_actor_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BfgActor *self = BFG_ACTOR (object);

  switch (prop_id)
    {
    case ACTOR_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case ACTOR_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case ACTOR_PROP_DESK:
      g_value_set_string (value, self->desk);
      break;
    case ACTOR_PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case ACTOR_PROP_ROLE_LABEL:
      g_value_set_string (value, bfg_actor_get_role_label (self));
      break;
    case ACTOR_PROP_PERMISSIONS:
      g_value_set_boxed (value, self->permissions);
      break;
    case ACTOR_PROP_N_PERMISSIONS:
      g_value_set_uint (value, bfg_actor_get_n_permissions (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_actor_class_init (BfgActorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bfg_actor_finalize;
  object_class->get_property = bfg_actor_get_property;

  actor_props[ACTOR_PROP_ID] = string_param ("id");
  actor_props[ACTOR_PROP_NAME] = string_param ("name");
  actor_props[ACTOR_PROP_DESK] = string_param ("desk");
  actor_props[ACTOR_PROP_ROLE] = string_param ("role");
  actor_props[ACTOR_PROP_ROLE_LABEL] = string_param ("role-label");
  actor_props[ACTOR_PROP_PERMISSIONS] =
    g_param_spec_boxed ("permissions", NULL, NULL, G_TYPE_STRV, PARAM_RO);
  actor_props[ACTOR_PROP_N_PERMISSIONS] =
    uint_param ("n-permissions", G_MAXUINT);

  g_object_class_install_properties (object_class, ACTOR_N_PROPS,
                                     actor_props);
}

static void
bfg_actor_init (BfgActor *self)
{
}

BfgActor *
bfg_actor_new (const char *id)
{
  BfgActor *self = g_object_new (BFG_TYPE_ACTOR, NULL);

  self->id = g_strdup (id);

  return self;
}

void
bfg_actor_update (BfgActor           *self,
                  const char         *name,
                  const char         *desk,
                  const char         *role,
                  const char * const *permissions)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);

  replace_string (object, &self->name, name, actor_props[ACTOR_PROP_NAME]);
  replace_string (object, &self->desk, desk, actor_props[ACTOR_PROP_DESK]);
  if (replace_string (object, &self->role, role,
                      actor_props[ACTOR_PROP_ROLE]))
    g_object_notify_by_pspec (object, actor_props[ACTOR_PROP_ROLE_LABEL]);

  if (self->permissions == NULL ||
      !g_strv_equal ((const char * const *) self->permissions, permissions))
    {
      g_strfreev (self->permissions);
      self->permissions = g_strdupv ((char **) permissions);
      g_object_notify_by_pspec (object, actor_props[ACTOR_PROP_PERMISSIONS]);
      g_object_notify_by_pspec (object,
                                actor_props[ACTOR_PROP_N_PERMISSIONS]);
    }

  g_object_thaw_notify (object);
}

/**
 * bfg_actor_get_id:
 * @self: an actor
 *
 * Returns: the actor id
 */
const char *
bfg_actor_get_id (BfgActor *self)
{
  g_return_val_if_fail (BFG_IS_ACTOR (self), NULL);
  return self->id;
}

/**
 * bfg_actor_get_name:
 * @self: an actor
 *
 * Returns: the display name
 */
const char *
bfg_actor_get_name (BfgActor *self)
{
  g_return_val_if_fail (BFG_IS_ACTOR (self), NULL);
  return self->name;
}

/**
 * bfg_actor_get_desk:
 * @self: an actor
 *
 * Returns: the desk, such as "Dispatch desk"
 */
const char *
bfg_actor_get_desk (BfgActor *self)
{
  g_return_val_if_fail (BFG_IS_ACTOR (self), NULL);
  return self->desk;
}

/**
 * bfg_actor_get_role:
 * @self: an actor
 *
 * Returns: the role key, such as "dispatcher"
 */
const char *
bfg_actor_get_role (BfgActor *self)
{
  g_return_val_if_fail (BFG_IS_ACTOR (self), NULL);
  return self->role;
}

/**
 * bfg_actor_get_role_label:
 * @self: an actor
 *
 * Returns: the translated role
 */
const char *
bfg_actor_get_role_label (BfgActor *self)
{
  g_return_val_if_fail (BFG_IS_ACTOR (self), NULL);

  if (g_strcmp0 (self->role, "managing-director") == 0)
    return C_("role", "Managing director");
  if (g_strcmp0 (self->role, "dispatcher") == 0)
    return C_("role", "Dispatcher");
  if (g_strcmp0 (self->role, "accountant") == 0)
    return C_("role", "Accountant");
  if (g_strcmp0 (self->role, "driver") == 0)
    return C_("role", "Driver");
  if (g_strcmp0 (self->role, "client") == 0)
    return C_("role", "Client");

  return self->role;
}

/**
 * bfg_actor_get_permissions:
 * @self: an actor
 *
 * Returns: (array zero-terminated=1): the actor's permissions (claims)
 */
const char * const *
bfg_actor_get_permissions (BfgActor *self)
{
  g_return_val_if_fail (BFG_IS_ACTOR (self), NULL);
  return (const char * const *) self->permissions;
}

/**
 * bfg_actor_get_n_permissions:
 * @self: an actor
 *
 * Returns: how many permissions the actor holds
 */
guint
bfg_actor_get_n_permissions (BfgActor *self)
{
  g_return_val_if_fail (BFG_IS_ACTOR (self), 0);
  return self->permissions != NULL ? g_strv_length (self->permissions) : 0;
}

/* BfgProvider */

struct _BfgProvider
{
  GObject  parent_instance;

  char    *id;
  char    *title;
  char    *description;
  char    *current_mode;
  char    *target_mode;
};

G_DEFINE_FINAL_TYPE (BfgProvider, bfg_provider, G_TYPE_OBJECT)

enum {
  PROVIDER_PROP_0,
  PROVIDER_PROP_ID,
  PROVIDER_PROP_TITLE,
  PROVIDER_PROP_DESCRIPTION,
  PROVIDER_PROP_CURRENT_MODE,
  PROVIDER_PROP_TARGET_MODE,
  PROVIDER_N_PROPS
};

static GParamSpec *provider_props[PROVIDER_N_PROPS];

static void
bfg_provider_finalize (GObject *object)
{
  BfgProvider *self = (BfgProvider *) object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->description);
  g_free (self->current_mode);
  g_free (self->target_mode);

  G_OBJECT_CLASS (bfg_provider_parent_class)->finalize (object);
}

static void
bfg_provider_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BfgProvider *self = BFG_PROVIDER (object);

  switch (prop_id)
    {
    case PROVIDER_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROVIDER_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROVIDER_PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROVIDER_PROP_CURRENT_MODE:
      g_value_set_string (value, self->current_mode);
      break;
    case PROVIDER_PROP_TARGET_MODE:
      g_value_set_string (value, self->target_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_provider_class_init (BfgProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bfg_provider_finalize;
  object_class->get_property = bfg_provider_get_property;

  provider_props[PROVIDER_PROP_ID] = string_param ("id");
  provider_props[PROVIDER_PROP_TITLE] = string_param ("title");
  provider_props[PROVIDER_PROP_DESCRIPTION] = string_param ("description");
  provider_props[PROVIDER_PROP_CURRENT_MODE] = string_param ("current-mode");
  provider_props[PROVIDER_PROP_TARGET_MODE] = string_param ("target-mode");

  g_object_class_install_properties (object_class, PROVIDER_N_PROPS,
                                     provider_props);
}

static void
bfg_provider_init (BfgProvider *self)
{
}

BfgProvider *
bfg_provider_new (const char *id)
{
  BfgProvider *self = g_object_new (BFG_TYPE_PROVIDER, NULL);

  self->id = g_strdup (id);

  return self;
}

void
bfg_provider_update (BfgProvider *self,
                     const char  *title,
                     const char  *description,
                     const char  *current_mode,
                     const char  *target_mode)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  replace_string (object, &self->title, title,
                  provider_props[PROVIDER_PROP_TITLE]);
  replace_string (object, &self->description, description,
                  provider_props[PROVIDER_PROP_DESCRIPTION]);
  replace_string (object, &self->current_mode, current_mode,
                  provider_props[PROVIDER_PROP_CURRENT_MODE]);
  replace_string (object, &self->target_mode, target_mode,
                  provider_props[PROVIDER_PROP_TARGET_MODE]);
  g_object_thaw_notify (object);
}

/**
 * bfg_provider_get_id:
 * @self: a provider
 *
 * Returns: the provider id
 */
const char *
bfg_provider_get_id (BfgProvider *self)
{
  g_return_val_if_fail (BFG_IS_PROVIDER (self), NULL);
  return self->id;
}

/**
 * bfg_provider_get_title:
 * @self: a provider
 *
 * Returns: the translated title
 */
const char *
bfg_provider_get_title (BfgProvider *self)
{
  g_return_val_if_fail (BFG_IS_PROVIDER (self), NULL);
  return self->title;
}

/**
 * bfg_provider_get_description:
 * @self: a provider
 *
 * Returns: the translated description
 */
const char *
bfg_provider_get_description (BfgProvider *self)
{
  g_return_val_if_fail (BFG_IS_PROVIDER (self), NULL);
  return self->description;
}

/**
 * bfg_provider_get_current_mode:
 * @self: a provider
 *
 * Returns: the local mode, such as "file-local"
 */
const char *
bfg_provider_get_current_mode (BfgProvider *self)
{
  g_return_val_if_fail (BFG_IS_PROVIDER (self), NULL);
  return self->current_mode;
}

/**
 * bfg_provider_get_target_mode:
 * @self: a provider
 *
 * Returns: the production mode, such as "Postgres/RLS"
 */
const char *
bfg_provider_get_target_mode (BfgProvider *self)
{
  g_return_val_if_fail (BFG_IS_PROVIDER (self), NULL);
  return self->target_mode;
}

/* BfgDecisions */

static const char * const decision_ids[] = {
  "runbook", "release", "rollback", "data-cutover", "wiring", "production",
};

struct _BfgDecisions
{
  GObject   parent_instance;

  char     *codes[G_N_ELEMENTS (decision_ids)];
  gboolean  production_go;
  guint     integration_percent;
  guint     gates_ready;
  guint     gates_total;
  char     *recommended_title;
  char     *recommended_reason;
  char     *recommended_check;
  char     *last_write;
  gint64    audit_count;
};

G_DEFINE_FINAL_TYPE (BfgDecisions, bfg_decisions, G_TYPE_OBJECT)

enum {
  DECISIONS_PROP_0,
  /* One property per decision id, in decision_ids order. */
  DECISIONS_PROP_RUNBOOK,
  DECISIONS_PROP_RELEASE,
  DECISIONS_PROP_ROLLBACK,
  DECISIONS_PROP_DATA_CUTOVER,
  DECISIONS_PROP_WIRING,
  DECISIONS_PROP_PRODUCTION,
  DECISIONS_PROP_PRODUCTION_GO,
  DECISIONS_PROP_PRODUCTION_LABEL,
  DECISIONS_PROP_INTEGRATION_PERCENT,
  DECISIONS_PROP_GATES_READY,
  DECISIONS_PROP_GATES_TOTAL,
  DECISIONS_PROP_RECOMMENDED_TITLE,
  DECISIONS_PROP_RECOMMENDED_REASON,
  DECISIONS_PROP_RECOMMENDED_CHECK,
  DECISIONS_PROP_LAST_WRITE,
  DECISIONS_PROP_AUDIT_COUNT,
  DECISIONS_N_PROPS
};

static GParamSpec *decisions_props[DECISIONS_N_PROPS];

static void
bfg_decisions_finalize (GObject *object)
{
  BfgDecisions *self = (BfgDecisions *) object;

  for (guint i = 0; i < G_N_ELEMENTS (decision_ids); i++)
    g_free (self->codes[i]);
  g_free (self->recommended_title);
  g_free (self->recommended_reason);
  g_free (self->recommended_check);
  g_free (self->last_write);

  G_OBJECT_CLASS (bfg_decisions_parent_class)->finalize (object);
}

static void
bfg_decisions_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BfgDecisions *self = BFG_DECISIONS (object);

  if (prop_id >= DECISIONS_PROP_RUNBOOK && prop_id <= DECISIONS_PROP_PRODUCTION)
    {
      g_value_set_string (value, self->codes[prop_id - DECISIONS_PROP_RUNBOOK]);
      return;
    }

  switch (prop_id)
    {
    case DECISIONS_PROP_PRODUCTION_GO:
      g_value_set_boolean (value, self->production_go);
      break;
    case DECISIONS_PROP_PRODUCTION_LABEL:
      g_value_set_string (value, bfg_decisions_get_production_label (self));
      break;
    case DECISIONS_PROP_INTEGRATION_PERCENT:
      g_value_set_uint (value, self->integration_percent);
      break;
    case DECISIONS_PROP_GATES_READY:
      g_value_set_uint (value, self->gates_ready);
      break;
    case DECISIONS_PROP_GATES_TOTAL:
      g_value_set_uint (value, self->gates_total);
      break;
    case DECISIONS_PROP_RECOMMENDED_TITLE:
      g_value_set_string (value, self->recommended_title);
      break;
    case DECISIONS_PROP_RECOMMENDED_REASON:
      g_value_set_string (value, self->recommended_reason);
      break;
    case DECISIONS_PROP_RECOMMENDED_CHECK:
      g_value_set_string (value, self->recommended_check);
      break;
    case DECISIONS_PROP_LAST_WRITE:
      g_value_set_string (value, self->last_write);
      break;
    case DECISIONS_PROP_AUDIT_COUNT:
      g_value_set_int64 (value, self->audit_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_decisions_class_init (BfgDecisionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bfg_decisions_finalize;
  object_class->get_property = bfg_decisions_get_property;

  for (guint i = 0; i < G_N_ELEMENTS (decision_ids); i++)
    decisions_props[DECISIONS_PROP_RUNBOOK + i] =
      string_param (decision_ids[i]);

  decisions_props[DECISIONS_PROP_PRODUCTION_GO] =
    g_param_spec_boolean ("production-go", NULL, NULL, FALSE, PARAM_RO);
  decisions_props[DECISIONS_PROP_PRODUCTION_LABEL] =
    string_param ("production-label");
  decisions_props[DECISIONS_PROP_INTEGRATION_PERCENT] =
    uint_param ("integration-percent", 100);
  decisions_props[DECISIONS_PROP_GATES_READY] =
    uint_param ("gates-ready", G_MAXUINT);
  decisions_props[DECISIONS_PROP_GATES_TOTAL] =
    uint_param ("gates-total", G_MAXUINT);
  decisions_props[DECISIONS_PROP_RECOMMENDED_TITLE] =
    string_param ("recommended-title");
  decisions_props[DECISIONS_PROP_RECOMMENDED_REASON] =
    string_param ("recommended-reason");
  decisions_props[DECISIONS_PROP_RECOMMENDED_CHECK] =
    string_param ("recommended-check");
  decisions_props[DECISIONS_PROP_LAST_WRITE] = string_param ("last-write");
  decisions_props[DECISIONS_PROP_AUDIT_COUNT] =
    g_param_spec_int64 ("audit-count", NULL, NULL, 0, G_MAXINT64, 0,
                        PARAM_RO);

  g_object_class_install_properties (object_class, DECISIONS_N_PROPS,
                                     decisions_props);
}

static void
bfg_decisions_init (BfgDecisions *self)
{
}

BfgDecisions *
bfg_decisions_new (void)
{
  return g_object_new (BFG_TYPE_DECISIONS, NULL);
}

void
bfg_decisions_set_code (BfgDecisions *self,
                        const char   *decision_id,
                        const char   *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (decision_ids); i++)
    if (g_str_equal (decision_ids[i], decision_id))
      replace_string (G_OBJECT (self), &self->codes[i], code,
                      decisions_props[DECISIONS_PROP_RUNBOOK + i]);
}

static void
replace_uint (GObject    *object,
              guint      *field,
              guint       value,
              GParamSpec *pspec)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (object, pspec);
}

void
bfg_decisions_update (BfgDecisions *self,
                      gboolean      production_go,
                      guint         integration_percent,
                      guint         gates_ready,
                      guint         gates_total,
                      const char   *title,
                      const char   *reason,
                      const char   *check_id,
                      const char   *last_write,
                      gint64        audit_count)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);

  if (self->production_go != production_go)
    {
      self->production_go = production_go;
      g_object_notify_by_pspec (object,
                                decisions_props[DECISIONS_PROP_PRODUCTION_GO]);
      g_object_notify_by_pspec (object,
                                decisions_props[DECISIONS_PROP_PRODUCTION_LABEL]);
    }

  replace_uint (object, &self->integration_percent, integration_percent,
                decisions_props[DECISIONS_PROP_INTEGRATION_PERCENT]);
  replace_uint (object, &self->gates_ready, gates_ready,
                decisions_props[DECISIONS_PROP_GATES_READY]);
  replace_uint (object, &self->gates_total, gates_total,
                decisions_props[DECISIONS_PROP_GATES_TOTAL]);
  replace_string (object, &self->recommended_title, title,
                  decisions_props[DECISIONS_PROP_RECOMMENDED_TITLE]);
  replace_string (object, &self->recommended_reason, reason,
                  decisions_props[DECISIONS_PROP_RECOMMENDED_REASON]);
  replace_string (object, &self->recommended_check, check_id,
                  decisions_props[DECISIONS_PROP_RECOMMENDED_CHECK]);
  replace_string (object, &self->last_write, last_write,
                  decisions_props[DECISIONS_PROP_LAST_WRITE]);

  if (self->audit_count != audit_count)
    {
      self->audit_count = audit_count;
      g_object_notify_by_pspec (object,
                                decisions_props[DECISIONS_PROP_AUDIT_COUNT]);
    }

  g_object_thaw_notify (object);
}

/**
 * bfg_decisions_get_code:
 * @self: the decisions
 * @decision_id: "runbook", "release", "rollback", "data-cutover",
 *   "wiring" or "production"
 *
 * Returns: (nullable): the decision's code
 */
const char *
bfg_decisions_get_code (BfgDecisions *self,
                        const char   *decision_id)
{
  g_return_val_if_fail (BFG_IS_DECISIONS (self), NULL);
  g_return_val_if_fail (decision_id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (decision_ids); i++)
    if (g_str_equal (decision_ids[i], decision_id))
      return self->codes[i];

  return NULL;
}

/**
 * bfg_decisions_get_production_go:
 * @self: the decisions
 *
 * Returns: %TRUE when production is GO
 */
gboolean
bfg_decisions_get_production_go (BfgDecisions *self)
{
  g_return_val_if_fail (BFG_IS_DECISIONS (self), FALSE);
  return self->production_go;
}

/**
 * bfg_decisions_get_production_label:
 * @self: the decisions
 *
 * Returns: "GO" or "NO-GO"; identifiers, not translated
 */
const char *
bfg_decisions_get_production_label (BfgDecisions *self)
{
  g_return_val_if_fail (BFG_IS_DECISIONS (self), NULL);
  return self->production_go ? "GO" : "NO-GO";
}

/**
 * bfg_decisions_get_integration_percent:
 * @self: the decisions
 *
 * Returns: the integration percentage
 */
guint
bfg_decisions_get_integration_percent (BfgDecisions *self)
{
  g_return_val_if_fail (BFG_IS_DECISIONS (self), 0);
  return self->integration_percent;
}

/**
 * bfg_decisions_get_gates_ready:
 * @self: the decisions
 *
 * Returns: how many gates are ready
 */
guint
bfg_decisions_get_gates_ready (BfgDecisions *self)
{
  g_return_val_if_fail (BFG_IS_DECISIONS (self), 0);
  return self->gates_ready;
}

/**
 * bfg_decisions_get_gates_total:
 * @self: the decisions
 *
 * Returns: how many gates there are
 */
guint
bfg_decisions_get_gates_total (BfgDecisions *self)
{
  g_return_val_if_fail (BFG_IS_DECISIONS (self), 0);
  return self->gates_total;
}

/**
 * bfg_decisions_get_recommended_title:
 * @self: the decisions
 *
 * Returns: the recommended action's title
 */
const char *
bfg_decisions_get_recommended_title (BfgDecisions *self)
{
  g_return_val_if_fail (BFG_IS_DECISIONS (self), NULL);
  return self->recommended_title;
}

/**
 * bfg_decisions_get_recommended_reason:
 * @self: the decisions
 *
 * Returns: why that action
 */
const char *
bfg_decisions_get_recommended_reason (BfgDecisions *self)
{
  g_return_val_if_fail (BFG_IS_DECISIONS (self), NULL);
  return self->recommended_reason;
}

/**
 * bfg_decisions_get_recommended_check:
 * @self: the decisions
 *
 * Returns: (nullable): the check to act on
 */
const char *
bfg_decisions_get_recommended_check (BfgDecisions *self)
{
  g_return_val_if_fail (BFG_IS_DECISIONS (self), NULL);
  return self->recommended_check;
}

/**
 * bfg_decisions_get_last_write:
 * @self: the decisions
 *
 * Returns: (nullable): the time of the last audited change, or %NULL
 *   when nothing was written yet
 */
const char *
bfg_decisions_get_last_write (BfgDecisions *self)
{
  g_return_val_if_fail (BFG_IS_DECISIONS (self), NULL);
  return self->last_write;
}

/**
 * bfg_decisions_get_audit_count:
 * @self: the decisions
 *
 * Returns: the number of audit events
 */
gint64
bfg_decisions_get_audit_count (BfgDecisions *self)
{
  g_return_val_if_fail (BFG_IS_DECISIONS (self), 0);
  return self->audit_count;
}

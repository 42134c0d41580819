/* bfg-audit-item.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Items are immutable copies of stored events: the trail is append-only,
 * so an item never needs to notify a change. The text of every cell is
 * ready when the item is made, often on the list's read-ahead thread, so
 * that binding a row only hands strings to its cells.
 */

#include "config.h"

#include "bfg-audit-item.h"
#include "bfg-types.h"

struct _BfgAuditItem
{
  GObject  parent_instance;

  gint64   seq;
  char    *seq_text;
  char    *time;
  char    *local_time;
  char    *actor;
  char    *action;
  char    *check;
  char    *detail;
  char    *hash;
};

G_DEFINE_FINAL_TYPE (BfgAuditItem, bfg_audit_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEQ,
  PROP_TIME,
  PROP_ACTOR,
  PROP_ACTION,
  PROP_CHECK,
  PROP_DETAIL,
  PROP_HASH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bfg_audit_item_finalize (GObject *object)
{
  BfgAuditItem *self = BFG_AUDIT_ITEM (object);

  g_free (self->seq_text);
  g_free (self->time);
  g_free (self->local_time);
  g_free (self->actor);
  g_free (self->action);
  g_free (self->check);
  g_free (self->detail);
  g_free (self->hash);

  G_OBJECT_CLASS (bfg_audit_item_parent_class)->finalize (object);
}

static void
bfg_audit_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BfgAuditItem *self = BFG_AUDIT_ITEM (object);

  switch (prop_id)
    {
    case PROP_SEQ:
      g_value_set_int64 (value, self->seq);
      break;

    case PROP_TIME:
      g_value_set_string (value, self->time);
      break;

    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;

    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;

    case PROP_CHECK:
      g_value_set_string (value, self->check);
      break;

    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    case PROP_HASH:
      g_value_set_string (value, self->hash);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_audit_item_class_init (BfgAuditItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bfg_audit_item_finalize;
  object_class->get_property = bfg_audit_item_get_property;

  properties[PROP_SEQ] =
    g_param_spec_int64 ("seq", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TIME] = g_param_spec_string ("time", NULL, NULL, NULL, flags);
  properties[PROP_ACTOR] = g_param_spec_string ("actor", NULL, NULL, NULL, flags);
  properties[PROP_ACTION] = g_param_spec_string ("action", NULL, NULL, NULL, flags);
  properties[PROP_CHECK] = g_param_spec_string ("check", NULL, NULL, NULL, flags);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, flags);
  properties[PROP_HASH] = g_param_spec_string ("hash", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bfg_audit_item_init (BfgAuditItem *self)
{
}

/**
 * bfg_audit_item_new:
 * @event: an event, as bfg_audit_foreach() hands it out
 *
 * Returns: (transfer full): an item holding a copy of @event
 */
BfgAuditItem *
bfg_audit_item_new (const BfgAuditEvent *event)
{
  BfgAuditItem *self;

  g_return_val_if_fail (event != NULL, NULL);

  self = g_object_new (BFG_TYPE_AUDIT_ITEM, NULL);
  self->seq = event->seq;
  self->seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, event->seq);
  self->time = g_strdup (event->time);
  self->local_time = event->time != NULL ? bfg_format_local_time (event->time) : NULL;
  self->actor = g_strdup (event->actor);
  self->action = g_strdup (event->action);
  self->check = g_strdup (event->check);
  self->detail = g_strdup (event->detail);
  self->hash = g_strdup (event->hash);

  return self;
}

gint64
bfg_audit_item_get_seq (BfgAuditItem *self)
{
  g_return_val_if_fail (BFG_IS_AUDIT_ITEM (self), 0);
  return self->seq;
}

/**
 * bfg_audit_item_get_seq_text:
 * @self: a #BfgAuditItem
 *
 * Returns: the sequence number as the list shows it
 */
const char *
bfg_audit_item_get_seq_text (BfgAuditItem *self)
{
  g_return_val_if_fail (BFG_IS_AUDIT_ITEM (self), NULL);
  return self->seq_text;
}

/**
 * bfg_audit_item_get_local_time:
 * @self: an audit item
 *
 * The event's time in the local time zone, as the locale writes it; the
 * chain itself keeps UTC, which bfg_audit_item_get_time() returns.
 *
 * Returns: (nullable): the formatted time
 */
const char *
bfg_audit_item_get_local_time (BfgAuditItem *self)
{
  g_return_val_if_fail (BFG_IS_AUDIT_ITEM (self), NULL);

  return self->local_time;
}

const char *
bfg_audit_item_get_time (BfgAuditItem *self)
{
  g_return_val_if_fail (BFG_IS_AUDIT_ITEM (self), NULL);
  return self->time;
}

const char *
bfg_audit_item_get_actor (BfgAuditItem *self)
{
  g_return_val_if_fail (BFG_IS_AUDIT_ITEM (self), NULL);
  return self->actor;
}

const char *
bfg_audit_item_get_action (BfgAuditItem *self)
{
  g_return_val_if_fail (BFG_IS_AUDIT_ITEM (self), NULL);
  return self->action;
}

const char *
bfg_audit_item_get_check (BfgAuditItem *self)
{
  g_return_val_if_fail (BFG_IS_AUDIT_ITEM (self), NULL);
  return self->check;
}

const char *
bfg_audit_item_get_detail (BfgAuditItem *self)
{
  g_return_val_if_fail (BFG_IS_AUDIT_ITEM (self), NULL);
  return self->detail;
}

const char *
bfg_audit_item_get_hash (BfgAuditItem *self)
{
  g_return_val_if_fail (BFG_IS_AUDIT_ITEM (self), NULL);
  return self->hash;
}

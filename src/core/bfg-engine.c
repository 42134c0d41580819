/* bfg-engine.c: the one engine that computes readiness
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine keeps the latest evaluation of the workspace and the model
 * objects built from it. When the workspace changes it evaluates again and
 * updates the objects in place; neither the UI nor bfgctl computes a state
 * or a count of its own.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bfg-engine-private.h"
#include "bfg-error.h"
#include "bfg-models-private.h"

struct _BfgEngine
{
  GObject       parent_instance;

  BfgWorkspace *workspace;
  BfgEval      *eval;

  GHashTable   *checks;      /* id -> BfgCheck */
  GHashTable   *sections;    /* id -> BfgSection */
  GListStore   *section_list;
  GListStore   *actors;
  GListStore   *providers;
  BfgDecisions *decisions;
};

G_DEFINE_FINAL_TYPE (BfgEngine, bfg_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_workspace_changed_cb (BfgWorkspace *workspace,
                         BfgEngine    *self)
{
  g_autoptr(GError) error = NULL;

  if (!bfg_engine_refresh (self, &error))
    g_warning ("Could not evaluate the workspace: %s", error->message);
}

static void
build_models (BfgEngine *self)
{
  const BfgSectionInfo *sections;
  const BfgCheckInfo *checks;
  guint n_sections;
  guint n_checks;

  sections = bfg_plan_get_sections (&n_sections);
  checks = bfg_plan_get_checks (&n_checks);

  for (guint i = 0; i < n_sections; i++)
    {
      g_autoptr(GPtrArray) members =
        g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(BfgSection) section = NULL;

      for (guint j = 0; j < n_checks; j++)
        if (g_str_equal (checks[j].section, sections[i].id))
          {
            BfgCheck *check = bfg_check_new (&checks[j]);

            g_hash_table_insert (self->checks, (gpointer) checks[j].id,
                                 g_object_ref (check));
            g_ptr_array_add (members, check);
          }

      section = bfg_section_new (&sections[i], members);
      g_hash_table_insert (self->sections, (gpointer) sections[i].id,
                           g_object_ref (section));

      if (sections[i].parent == NULL)
        g_list_store_append (self->section_list, section);
    }

  for (guint i = 0; i < n_sections; i++)
    if (sections[i].parent != NULL)
      bfg_section_set_batches (g_hash_table_lookup (self->sections,
                                                    sections[i].parent),
                               g_hash_table_lookup (self->sections,
                                                    sections[i].id));
}

/* Actors and providers change rarely; update rows in place by id and only
 * splice when the set itself changed. */
static void
update_actors (BfgEngine *self)
{
  GPtrArray *rows = bfg_eval_get_actor_rows (self->eval);
  gboolean same = g_list_model_get_n_items (G_LIST_MODEL (self->actors)) ==
                  rows->len;

  for (guint i = 0; same && i < rows->len; i++)
    {
      g_autoptr(BfgActor) actor =
        g_list_model_get_item (G_LIST_MODEL (self->actors), i);
      BfgActorRow *row = g_ptr_array_index (rows, i);

      same = g_str_equal (bfg_actor_get_id (actor), row->id);
    }

  if (!same)
    {
      g_autoptr(GPtrArray) fresh =
        g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (fresh,
                         bfg_actor_new (((BfgActorRow *)
                                         g_ptr_array_index (rows, i))->id));
      g_list_store_splice (self->actors, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->actors)),
                           fresh->pdata, fresh->len);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(BfgActor) actor =
        g_list_model_get_item (G_LIST_MODEL (self->actors), i);
      BfgActorRow *row = g_ptr_array_index (rows, i);

      bfg_actor_update (actor, row->name, row->desk, row->role,
                        (const char * const *) row->permissions);
    }
}

/* The plan's provider checks carry the translatable titles. */
static const BfgCheckInfo *
provider_check (const char *provider_id)
{
  const BfgCheckInfo *checks;
  guint n_checks;

  checks = bfg_plan_get_checks (&n_checks);
  for (guint i = 0; i < n_checks; i++)
    if (checks[i].kind == BFG_CHECK_KIND_FACT &&
        g_str_has_prefix (checks[i].value, "providers:") &&
        g_str_equal (checks[i].value + strlen ("providers:"), provider_id))
      return &checks[i];

  return NULL;
}

static void
update_providers (BfgEngine *self)
{
  GPtrArray *rows = bfg_eval_get_provider_rows (self->eval);
  gboolean same = g_list_model_get_n_items (G_LIST_MODEL (self->providers)) ==
                  rows->len;

  for (guint i = 0; same && i < rows->len; i++)
    {
      g_autoptr(BfgProvider) provider =
        g_list_model_get_item (G_LIST_MODEL (self->providers), i);
      BfgProviderRow *row = g_ptr_array_index (rows, i);

      same = g_str_equal (bfg_provider_get_id (provider), row->id);
    }

  if (!same)
    {
      g_autoptr(GPtrArray) fresh =
        g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (fresh,
                         bfg_provider_new (((BfgProviderRow *)
                                            g_ptr_array_index (rows, i))->id));
      g_list_store_splice (self->providers, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->providers)),
                           fresh->pdata, fresh->len);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(BfgProvider) provider =
        g_list_model_get_item (G_LIST_MODEL (self->providers), i);
      BfgProviderRow *row = g_ptr_array_index (rows, i);
      const BfgCheckInfo *info = provider_check (row->id);

      bfg_provider_update (provider,
                           info != NULL ? g_dgettext (GETTEXT_PACKAGE,
                                                      info->title)
                                        : row->title,
                           info != NULL ? g_dgettext (GETTEXT_PACKAGE,
                                                      info->description)
                                        : row->description,
                           row->current_mode, row->target_mode);
    }
}

static void
update_models (BfgEngine *self)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  const char *title;
  const char *reason;
  const char *check_id;
  guint gates_ready = 0;
  guint gates_total = 0;
  guint n_decisions;
  const BfgDecisionInfo *decisions;

  g_hash_table_iter_init (&iter, self->checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const BfgCheckFacts *facts = bfg_eval_get_facts (self->eval, key);
      const BfgCheckInfo *info = bfg_plan_lookup_check (key);

      bfg_check_update (value,
                        bfg_eval_get_check_state (self->eval, key),
                        bfg_eval_get_check_summary (self->eval, key),
                        bfg_eval_get_check_detail (self->eval, key),
                        bfg_eval_get_check_value (self->eval, key),
                        bfg_eval_get_actor_name (self->eval, info->owner),
                        facts->evidence_actor, facts->accepted_by);
    }

  g_hash_table_iter_init (&iter, self->sections);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const BfgSectionInfo *info = bfg_plan_lookup_section (key);
      guint ready = 0;

      bfg_eval_get_section_counts (self->eval, key, &ready, NULL);
      bfg_section_update (value, ready,
                          bfg_eval_get_section_state (self->eval, key),
                          info->decision != NULL
                            ? bfg_eval_get_decision (self->eval,
                                                     info->decision)
                            : NULL);
    }

  decisions = bfg_plan_get_decisions (&n_decisions);
  for (guint i = 0; i < n_decisions; i++)
    bfg_decisions_set_code (self->decisions, decisions[i].id,
                            bfg_eval_get_decision (self->eval,
                                                   decisions[i].id));

  bfg_eval_get_section_counts (self->eval, "gates", &gates_ready,
                               &gates_total);
  bfg_eval_get_recommended (self->eval, &title, &reason, &check_id);
  bfg_decisions_update (self->decisions,
                        bfg_eval_is_production_go (self->eval),
                        bfg_eval_get_integration_percent (self->eval),
                        gates_ready, gates_total, title, reason, check_id,
                        bfg_eval_get_last_write (self->eval),
                        bfg_eval_get_audit_count (self->eval));

  update_actors (self);
  update_providers (self);
}

static void
bfg_engine_dispose (GObject *object)
{
  BfgEngine *self = (BfgEngine *) object;

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_func (self->workspace,
                                          on_workspace_changed_cb, self);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->checks, g_hash_table_unref);
  g_clear_pointer (&self->sections, g_hash_table_unref);
  g_clear_object (&self->section_list);
  g_clear_object (&self->actors);
  g_clear_object (&self->providers);
  g_clear_object (&self->decisions);

  G_OBJECT_CLASS (bfg_engine_parent_class)->dispose (object);
}

static void
bfg_engine_finalize (GObject *object)
{
  BfgEngine *self = (BfgEngine *) object;

  g_clear_pointer (&self->eval, bfg_eval_free);

  G_OBJECT_CLASS (bfg_engine_parent_class)->finalize (object);
}

static void
bfg_engine_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BfgEngine *self = BFG_ENGINE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_engine_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BfgEngine *self = BFG_ENGINE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      self->workspace = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_engine_class_init (BfgEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bfg_engine_dispose;
  object_class->finalize = bfg_engine_finalize;
  object_class->get_property = bfg_engine_get_property;
  object_class->set_property = bfg_engine_set_property;

  /**
   * BfgEngine:workspace:
   *
   * The workspace the engine evaluates.
   */
  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, BFG_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bfg_engine_init (BfgEngine *self)
{
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        g_object_unref);
  self->sections = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          g_object_unref);
  self->section_list = g_list_store_new (BFG_TYPE_SECTION);
  self->actors = g_list_store_new (BFG_TYPE_ACTOR);
  self->providers = g_list_store_new (BFG_TYPE_PROVIDER);
  self->decisions = bfg_decisions_new ();
}

/**
 * bfg_engine_new:
 * @workspace: a workspace
 * @error: return location for a #GError
 *
 * Evaluates @workspace and builds the models; they follow the workspace's
 * #BfgWorkspace::changed signal from then on.
 *
 * Returns: (transfer full): the engine, or %NULL on error
 */
BfgEngine *
bfg_engine_new (BfgWorkspace  *workspace,
                GError       **error)
{
  g_autoptr(BfgEngine) self = NULL;

  g_return_val_if_fail (BFG_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (BFG_TYPE_ENGINE, "workspace", workspace, NULL);
  build_models (self);

  if (!bfg_engine_refresh (self, error))
    return NULL;

  g_signal_connect_object (workspace, "changed",
                           G_CALLBACK (on_workspace_changed_cb), self, 0);

  return g_steal_pointer (&self);
}

/**
 * bfg_engine_get_workspace:
 * @self: an engine
 *
 * Returns: (transfer none): the workspace
 */
BfgWorkspace *
bfg_engine_get_workspace (BfgEngine *self)
{
  g_return_val_if_fail (BFG_IS_ENGINE (self), NULL);

  return self->workspace;
}

/**
 * bfg_engine_refresh:
 * @self: an engine
 * @error: return location for a #GError
 *
 * Evaluates the workspace again and updates every model in place. It runs
 * by itself on #BfgWorkspace::changed; call it after another process may
 * have changed the file.
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_engine_refresh (BfgEngine  *self,
                    GError    **error)
{
  BfgEval *eval;

  g_return_val_if_fail (BFG_IS_ENGINE (self), FALSE);

  eval = bfg_eval_new (self->workspace, error);
  if (eval == NULL)
    return FALSE;

  g_clear_pointer (&self->eval, bfg_eval_free);
  self->eval = eval;

  update_models (self);

  return TRUE;
}

/**
 * bfg_engine_get_sections:
 * @self: an engine
 *
 * Returns: (transfer none): a list model of the top-level #BfgSection
 *   objects, in display order
 */
GListModel *
bfg_engine_get_sections (BfgEngine *self)
{
  g_return_val_if_fail (BFG_IS_ENGINE (self), NULL);

  return G_LIST_MODEL (self->section_list);
}

/**
 * bfg_engine_get_section:
 * @self: an engine
 * @section_id: a section id, including "data-batches"
 *
 * Returns: (transfer none) (nullable): the section
 */
BfgSection *
bfg_engine_get_section (BfgEngine  *self,
                        const char *section_id)
{
  g_return_val_if_fail (BFG_IS_ENGINE (self), NULL);
  g_return_val_if_fail (section_id != NULL, NULL);

  return g_hash_table_lookup (self->sections, section_id);
}

/**
 * bfg_engine_get_check:
 * @self: an engine
 * @check_id: a check id
 *
 * Returns: (transfer none) (nullable): the check
 */
BfgCheck *
bfg_engine_get_check (BfgEngine  *self,
                      const char *check_id)
{
  g_return_val_if_fail (BFG_IS_ENGINE (self), NULL);
  g_return_val_if_fail (check_id != NULL, NULL);

  return g_hash_table_lookup (self->checks, check_id);
}

/**
 * bfg_engine_get_actors:
 * @self: an engine
 *
 * Returns: (transfer none): a list model of #BfgActor
 */
GListModel *
bfg_engine_get_actors (BfgEngine *self)
{
  g_return_val_if_fail (BFG_IS_ENGINE (self), NULL);

  return G_LIST_MODEL (self->actors);
}

/**
 * bfg_engine_get_providers:
 * @self: an engine
 *
 * Returns: (transfer none): a list model of #BfgProvider
 */
GListModel *
bfg_engine_get_providers (BfgEngine *self)
{
  g_return_val_if_fail (BFG_IS_ENGINE (self), NULL);

  return G_LIST_MODEL (self->providers);
}

/**
 * bfg_engine_get_decisions:
 * @self: an engine
 *
 * Returns: (transfer none): the decisions, the integration percentage and
 *   the recommended action
 */
BfgDecisions *
bfg_engine_get_decisions (BfgEngine *self)
{
  g_return_val_if_fail (BFG_IS_ENGINE (self), NULL);

  return self->decisions;
}

/**
 * bfg_engine_get_check_state:
 * @self: an engine
 * @check_id: a check id
 *
 * Returns: the check's state
 */
BfgCheckState
bfg_engine_get_check_state (BfgEngine  *self,
                            const char *check_id)
{
  g_return_val_if_fail (BFG_IS_ENGINE (self), BFG_CHECK_STATE_BLOCKED);

  return bfg_eval_get_check_state (self->eval, check_id);
}

/**
 * bfg_engine_get_decision:
 * @self: an engine
 * @decision_id: a decision id
 *
 * Returns: the decision's code
 */
const char *
bfg_engine_get_decision (BfgEngine  *self,
                         const char *decision_id)
{
  g_return_val_if_fail (BFG_IS_ENGINE (self), NULL);

  return bfg_eval_get_decision (self->eval, decision_id);
}

/**
 * bfg_engine_get_integration_percent:
 * @self: an engine
 *
 * Returns: the share of gates with evidence behind them, in percent
 */
guint
bfg_engine_get_integration_percent (BfgEngine *self)
{
  g_return_val_if_fail (BFG_IS_ENGINE (self), 0);

  return bfg_eval_get_integration_percent (self->eval);
}

/**
 * bfg_engine_is_production_go:
 * @self: an engine
 *
 * Returns: %TRUE when production is GO
 */
gboolean
bfg_engine_is_production_go (BfgEngine *self)
{
  g_return_val_if_fail (BFG_IS_ENGINE (self), FALSE);

  return bfg_eval_is_production_go (self->eval);
}

/**
 * bfg_engine_can_act:
 * @self: an engine
 * @actor_id: the acting actor
 * @check_id: a check id
 * @action: the transition
 * @why: (out) (optional) (nullable): where to store why not, for a
 *   tooltip
 *
 * Answers, from the latest evaluation, whether @actor_id may do @action on
 * @check_id, with the same guard the workspace applies when it is asked:
 * a missing permission, a blocking check, the actor's own evidence.
 *
 * Returns: %TRUE if allowed
 */
gboolean
bfg_engine_can_act (BfgEngine   *self,
                    const char  *actor_id,
                    const char  *check_id,
                    BfgAction    action,
                    char       **why)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (BFG_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (actor_id != NULL, FALSE);
  g_return_val_if_fail (check_id != NULL, FALSE);

  if (why != NULL)
    *why = NULL;

  if (bfg_workspace_is_read_only (self->workspace))
    {
      if (why != NULL)
        *why = g_strdup (_("The workspace is read-only"));
      return FALSE;
    }

  if (bfg_eval_check_action (self->eval, actor_id, check_id, action, &error))
    return TRUE;

  if (why != NULL)
    *why = g_strdup (error->message);

  return FALSE;
}

/**
 * bfg_engine_dup_bound_checksum:
 * @self: a #BfgEngine
 * @check_id: a check id
 * @value: (out) (optional) (transfer full) (nullable): the value it binds
 *
 * What bfg_workspace_accept() would store for @check_id if it ran now:
 * the same binding, taken from the engine's current evaluation, so that a
 * confirmation can show exactly what the acceptance will be bound to.
 *
 * Returns: (transfer full) (nullable): the checksum as stored, such as
 *   "sha256:" and a hex digest, or %NULL when nothing can be bound yet
 */
char *
bfg_engine_dup_bound_checksum (BfgEngine   *self,
                               const char  *check_id,
                               char       **value)
{
  g_return_val_if_fail (BFG_IS_ENGINE (self), NULL);
  g_return_val_if_fail (check_id != NULL, NULL);

  if (value != NULL)
    *value = NULL;

  if (self->eval == NULL || bfg_engine_get_check (self, check_id) == NULL)
    return NULL;

  return bfg_eval_dup_binding (self->eval, check_id, value);
}

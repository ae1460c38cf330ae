import type { ModelRow } from '../lib/validators';

/** Editable list of {model_name, priority}; priority 0 is the primary model, higher numbers are fallbacks. */
export function ModelsEditor({
  rows,
  errors,
  onChange,
  idPrefix,
}: {
  rows: ModelRow[];
  errors: (string | null)[];
  onChange: (rows: ModelRow[]) => void;
  idPrefix: string;
}) {
  function update(i: number, patch: Partial<ModelRow>) {
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  }
  function add() {
    const max = rows.reduce((m, r) => Math.max(m, Number(r.priority) || 0), -1);
    onChange([...rows, { model_name: '', priority: String(max + 1) }]);
  }
  return (
    <div className="models-editor" data-testid={`${idPrefix}-models`}>
      {rows.length === 0 && <div className="muted small">No models. A group without models allows nothing.</div>}
      {rows.map((r, i) => (
        <div className="model-row" key={i} data-testid={`${idPrefix}-model-row`}>
          <div className="model-name">
            <label htmlFor={`${idPrefix}-model-${i}`} className="sr-only">
              Model name {i + 1}
            </label>
            <input
              id={`${idPrefix}-model-${i}`}
              placeholder="model name, e.g. gpt-4o"
              value={r.model_name}
              onChange={(e) => update(i, { model_name: e.target.value })}
              data-testid={`${idPrefix}-model-name`}
              autoComplete="off"
            />
          </div>
          <div className="model-priority">
            <label htmlFor={`${idPrefix}-priority-${i}`} className="sr-only">
              Priority {i + 1}
            </label>
            <input
              id={`${idPrefix}-priority-${i}`}
              inputMode="numeric"
              value={r.priority}
              onChange={(e) => update(i, { priority: e.target.value })}
              data-testid={`${idPrefix}-model-priority`}
              title="Priority: 0 is primary"
            />
          </div>
          <button type="button" className="btn btn-small" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={`Remove model ${i + 1}`}>
            Remove
          </button>
          {errors[i] && <div className="field-error model-error">{errors[i]}</div>}
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={add} data-testid={`${idPrefix}-add-model`}>
        + Add model
      </button>
    </div>
  );
}

import type { ModelGroup } from '../api/types';

/** Multi-select of model groups as a list of checkboxes (usable on touch screens too). */
export function ModelGroupPicker({
  groups,
  selected,
  onChange,
  idPrefix,
}: {
  groups: ModelGroup[];
  selected: string[];
  onChange: (next: string[]) => void;
  idPrefix: string;
}) {
  if (groups.length === 0) {
    return <div className="muted" data-testid={`${idPrefix}-no-groups`}>No model groups exist yet. <a href="#/model-groups">Create one</a>.</div>;
  }
  const set = new Set(selected);
  return (
    <div className="checkbox-list" role="group" data-testid={`${idPrefix}-model-groups`}>
      {groups.map((g) => {
        const id = `${idPrefix}-mg-${g.group_name}`;
        return (
          <label key={g.group_name} htmlFor={id} className="checkbox">
            <input
              id={id}
              type="checkbox"
              checked={set.has(g.group_name)}
              data-testid={`${idPrefix}-mg-option`}
              value={g.group_name}
              onChange={(e) => {
                const next = new Set(set);
                if (e.target.checked) next.add(g.group_name);
                else next.delete(g.group_name);
                // Keep the order of the group list.
                onChange(groups.map((x) => x.group_name).filter((n) => next.has(n)));
              }}
            />
            <span>
              <span className="mono">{g.group_name}</span>
              {g.display_name && g.display_name !== g.group_name && <span className="muted"> · {g.display_name}</span>}
              <span className="muted small"> ({g.models.length} model{g.models.length === 1 ? '' : 's'})</span>
            </span>
          </label>
        );
      })}
    </div>
  );
}

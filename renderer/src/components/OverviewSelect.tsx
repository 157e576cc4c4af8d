/**
 * Selects of the overview's organisations or topics, named in the interface
 * language, for editors and filters alike. The caller wraps one in its label.
 * With `anyLabel`, a first option (value '') stands for no choice.
 */
import type { BilingualLabel } from '../../../shared/model';
import { useOverview } from '../app/overview';
import { useLang } from '../hooks/useLang';

interface SelectProps {
  value: string;
  onChange: (id: string) => void;
  anyLabel?: string;
}

function NameSelect({
  items,
  value,
  onChange,
  anyLabel,
}: SelectProps & { items: readonly { id: string; name: BilingualLabel }[] }) {
  const lang = useLang();
  return (
    <select value={value} onChange={(event) => onChange(event.target.value)}>
      {anyLabel !== undefined && <option value="">{anyLabel}</option>}
      {items.map((item) => (
        <option key={item.id} value={item.id}>
          {item.name[lang]}
        </option>
      ))}
    </select>
  );
}

export function OrganisationSelect(props: SelectProps) {
  const { overview } = useOverview();
  return <NameSelect items={overview.organisations} {...props} />;
}

export function TopicSelect(props: SelectProps) {
  const { overview } = useOverview();
  return <NameSelect items={overview.topics} {...props} />;
}

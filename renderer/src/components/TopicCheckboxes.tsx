/** The topics as checkboxes, for the editors that file a record under several topics. */
import { useOverview } from '../app/overview';
import { useLang } from '../hooks/useLang';

export function TopicCheckboxes({
  legend,
  selected,
  onChange,
}: {
  legend: string;
  selected: string[];
  onChange: (topicIds: string[]) => void;
}) {
  const lang = useLang();
  const { overview } = useOverview();
  return (
    <fieldset className="checkboxes">
      <legend>{legend}</legend>
      {overview.topics.map((topic) => (
        <label key={topic.id}>
          <input
            type="checkbox"
            checked={selected.includes(topic.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...selected, topic.id] : selected.filter((x) => x !== topic.id))
            }
          />
          {topic.name[lang]}
        </label>
      ))}
    </fieldset>
  );
}

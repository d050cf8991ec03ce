import type { RuleSection } from '../../core/catalog/rules-text.ts';

/** The "Rules of this exam" sections as headings with lists; `level` is the heading level of each section. */
export function ExamRules({ sections, level = 3 }: { sections: readonly RuleSection[]; level?: 3 | 4 }) {
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <div className="exam-rules">
      {sections.map((section) => (
        <section key={section.heading}>
          <Heading className="rules-heading">{section.heading}</Heading>
          <ul>
            {section.rules.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

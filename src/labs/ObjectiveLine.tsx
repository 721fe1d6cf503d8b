import { counted } from '../../machines/model.ts';
/** What an objective's headline needs: met or not, its title, and its points. */
export interface ObjectiveLineProps {
  passed: boolean;
  title: string;
  earned: number;
  points: number;
}

/** "✓ Met: <title> (3 of 3 points)": one objective's headline, practice and class grades alike (text, never colour alone). */
export default function ObjectiveLine({ passed, title, earned, points }: ObjectiveLineProps) {
  return (
    <p>
      <span aria-hidden="true">{passed ? '✓ ' : '✗ '}</span>
      <strong>
        {passed ? 'Met' : 'Not met'}: {title}
      </strong>{' '}
      <span className="muted">
        ({earned} of {counted(points, 'point')})
      </span>
    </p>
  );
}

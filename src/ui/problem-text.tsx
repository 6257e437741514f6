/** A problem the user should read now, announced to screen readers; nothing when there is none. */
export function ProblemText({ text }: { text: string | undefined }) {
  if (text === undefined || text === '') return null;
  return (
    <p className="umi-app__error" role="alert">
      {text}
    </p>
  );
}

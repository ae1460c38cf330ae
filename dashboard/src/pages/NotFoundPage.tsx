import { Card, PageHeader } from '../components/ui';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <Card testId="not-found">
        <p>
          There is no page at this address. Go to the <a href="#/">overview</a>.
        </p>
      </Card>
    </>
  );
}

import { Card, PageHeader } from '../components/ui';

export function Forbidden({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <Card testId="forbidden">
        <p>Your role does not give access to this page. Ask an owner or admin if you need it.</p>
      </Card>
    </>
  );
}

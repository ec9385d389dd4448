import { Pool } from './pool';

export default function Page() {
  return (
    <main>
      <h1>Acme credits</h1>
      <Pool />
    </main>
  );
}

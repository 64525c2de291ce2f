export default function Home() {
  return <main>GBFS Hotspots</main>;
}

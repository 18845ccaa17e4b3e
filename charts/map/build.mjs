// Projects world-atlas's countries (Natural Earth 1:50m) once, here, so that the server
// draws the map as SVG without projecting anything: `npm ci && npm run build` writes
// ../static/charts/vendor/world-atlas-<version>/countries-50m.json.
import {mkdirSync, readFileSync, writeFileSync, copyFileSync} from "node:fs";
import {feature} from "topojson-client";
import {geoNaturalEarth1, geoPath} from "d3-geo";

const atlas = "node_modules/world-atlas";
const version = JSON.parse(readFileSync(`${atlas}/package.json`)).version;
const topology = JSON.parse(readFileSync(`${atlas}/countries-50m.json`));
const ANTARCTICA = "010"; // no diaspora there, and it would take a fifth of the height
const countries = feature(topology, topology.objects.countries).features.filter(
  (country) => country.id !== ANTARCTICA,
);
const WIDTH = 1000;
const projection = geoNaturalEarth1().fitWidth(WIDTH, {type: "FeatureCollection", features: countries});
const measure = geoPath(projection);

// Whole pixels at 1000 wide, relative moves, and a point dropped when it rounds onto the one
// before: the 50m shapes in a seventh of the text, with nothing lost that a screen shows.
function svgPath(country) {
  let d = "";
  let ring = [];
  const flush = () => {
    if (ring.length > 2) {
      let [x, y] = ring[0];
      d += `M${x} ${y}l`;
      d += ring.slice(1).map(([nx, ny]) => {
        const step = `${nx - x} ${ny - y}`;
        [x, y] = [nx, ny];
        return step;
      }).join(" ").replaceAll(" -", "-");
      d += "z";
    }
    ring = [];
  };
  const point = (x, y) => {
    const p = [Math.round(x), Math.round(y)];
    const last = ring[ring.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push(p);
  };
  geoPath(projection, {moveTo(x, y) { flush(); point(x, y); }, lineTo: point, closePath: flush, arc() {}})(country);
  flush();
  return d;
}

const [[left, top], [right, bottom]] = measure.bounds({type: "FeatureCollection", features: countries});
const shapes = countries.map((country) => {
  const [x, y] = measure.centroid(country);
  return {
    id: country.id ?? null, // ISO 3166-1 numeric; a few disputed areas have none
    name: country.properties.name,
    d: svgPath(country),
    area: Math.round(measure.area(country) * 10) / 10,
    x: Math.round(x * 10) / 10,
    y: Math.round(y * 10) / 10,
  };
});

const out = `../static/charts/vendor/world-atlas-${version}`;
mkdirSync(out, {recursive: true});
writeFileSync(`${out}/countries-50m.json`, JSON.stringify({
  source: `world-atlas ${version} countries-50m.json (Natural Earth 1:50m), d3-geo geoNaturalEarth1`,
  viewBox: [Math.floor(left), Math.floor(top), Math.ceil(right - left), Math.ceil(bottom - top)],
  countries: shapes,
}));
copyFileSync(`${atlas}/LICENSE`, `${out}/LICENSE`);
console.log(`${shapes.length} countries written to ${out}`);

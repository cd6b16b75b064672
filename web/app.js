// mdhub's map page: lists the layers of mdhubd's OGC API – Features endpoint (/ogc/collections),
// draws each as a vector layer that loads the items in view (bbox strategy, paging through
// rel=next), and shows a clicked feature's id and properties in the side panel.
// Uses OpenLayers' browser build (global `ol`). Requests carry ?agency= when the page URL has it
// (mdhubd in development mode takes the caller's agency from it).
'use strict';

const PAGE_LIMIT = 1000;  // items per request
const MAX_PAGES = 50;     // per loaded extent: a guard against an endless rel=next chain
// Distinct, colour-blind-friendly colours; layer i gets PALETTE[i % length].
const PALETTE = ['#d62728', '#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd', '#17becf', '#e377c2',
                 '#8c564b'];
const FILL_ALPHA = 0.45;  // tests/map_page_test.js blends with the same value
const FIT_PADDING = [40, 340, 40, 40];  // pixels; the right side is under the panel

const agency = new URLSearchParams(location.search).get('agency');
const statusEl = document.getElementById('status');

// An /ogc URL (absolute or relative to the page) with the page's agency added.
function ogcUrl(pathOrHref, params = {}) {
  const url = new URL(pathOrHref, location.href);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  if (agency && !url.searchParams.has('agency')) url.searchParams.set('agency', agency);
  return url;
}

async function getJson(url) {
  const response = await fetch(url, {headers: {Accept: 'application/geo+json, application/json'}});
  if (!response.ok) {
    const body = await response.text();
    throw new Error(`${url.pathname}: HTTP ${response.status} ${body.slice(0, 200)}`);
  }
  return response.json();
}

function setStatus(text, isError = false) {
  statusEl.textContent = text;
  statusEl.classList.toggle('error', isError);
}

function hexToRgba(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

function styleFor(colour, selected) {
  return new ol.style.Style({
    fill: new ol.style.Fill({color: hexToRgba(colour, FILL_ALPHA)}),
    stroke: new ol.style.Stroke({color: selected ? '#000' : colour, width: selected ? 3 : 2}),
    image: new ol.style.Circle({
      radius: 6,
      fill: new ol.style.Fill({color: colour}),
      stroke: new ol.style.Stroke({color: selected ? '#000' : '#fff', width: 2}),
    }),
  });
}

const geojson = new ol.format.GeoJSON({dataProjection: 'EPSG:4326',
                                       featureProjection: 'EPSG:3857'});

// A view extent (EPSG:3857) as an OGC bbox in CRS84 (lon/lat), clamped to the world.
function bboxParam(extent) {
  const [x0, y0, x1, y1] = ol.proj.transformExtent(extent, 'EPSG:3857', 'EPSG:4326');
  const clamp = (v, lim) => Math.max(-lim, Math.min(lim, v));
  return [clamp(x0, 180), clamp(y0, 90), clamp(x1, 180), clamp(y1, 90)].join(',');
}

// A vector source for one collection: fetches every page of the items in a loaded extent.
function itemsSource(collection, onLoaded) {
  const source = new ol.source.Vector({
    strategy: ol.loadingstrategy.bbox,
    wrapX: false,
    loader: async (extent, resolution, projection, success, failure) => {
      try {
        const added = [];
        let url = ogcUrl(`/ogc/collections/${encodeURIComponent(collection.id)}/items`,
                         {bbox: bboxParam(extent), limit: PAGE_LIMIT});
        for (let page = 0; url && page < MAX_PAGES; ++page) {
          const fc = await getJson(url);
          const features = geojson.readFeatures(fc);
          source.addFeatures(features);
          added.push(...features);
          const next = (fc.links || []).find((l) => l.rel === 'next');
          url = next ? ogcUrl(next.href) : null;
        }
        success(added);
        onLoaded();
      } catch (e) {
        setStatus(`${collection.id}: ${e.message}`, true);
        source.removeLoadedExtent(extent);
        failure();
      }
    },
  });
  return source;
}

const map = new ol.Map({
  target: 'map',
  view: new ol.View({projection: 'EPSG:3857', center: ol.proj.fromLonLat([108.3, 22.8]), zoom: 5}),
});
const layers = [];  // {collection, colour, layer}

function updateCounts() {
  let total = 0;
  for (const {layer, countEl} of layers) {
    const n = layer.getSource().getFeatures().length;
    countEl.textContent = String(n);
    total += n;
  }
  document.body.dataset.features = String(total);  // read by tests/map_page_test.js
  setStatus(`${total} features in ${layers.length} layers`);
}

function addLayerRow(entry) {
  const li = document.createElement('li');
  li.dataset.layer = entry.collection.id;
  li.dataset.colour = entry.colour;
  li.innerHTML = '<label><input type="checkbox" checked><span class="swatch"></span>' +
                 '<span class="title"></span><span class="count">…</span></label>' +
                 '<button class="zoom" title="缩放到图层 · Zoom to layer">⤢</button>';
  const swatch = li.querySelector('.swatch');
  swatch.style.background = hexToRgba(entry.colour, FILL_ALPHA);
  swatch.style.borderColor = entry.colour;
  li.querySelector('.title').textContent = entry.collection.title || entry.collection.id;
  li.querySelector('input').addEventListener('change', (e) => {
    entry.layer.setVisible(e.target.checked);
  });
  li.querySelector('.zoom').addEventListener('click', () => {
    const extent = collectionsExtent([entry.collection]);
    if (extent) map.getView().fit(extent, {padding: FIT_PADDING, maxZoom: 18});
  });
  entry.countEl = li.querySelector('.count');
  document.getElementById('layers').appendChild(li);
}

// The union of the collections' extents (CRS84) in EPSG:3857, or null when none has one.
function collectionsExtent(collections) {
  let extent = null;
  for (const c of collections) {
    const bbox = c.extent && c.extent.spatial && c.extent.spatial.bbox && c.extent.spatial.bbox[0];
    if (!bbox || bbox.length < 4 || bbox.some((v) => !Number.isFinite(v))) continue;
    const e = ol.proj.transformExtent(bbox.slice(0, 4), 'EPSG:4326', 'EPSG:3857');
    extent = extent ? ol.extent.extend(extent, e) : e;
  }
  return extent;
}

// The clicked feature's layer, id and properties as a table in the panel.
function showFeature(entry, feature) {
  const box = document.getElementById('feature');
  box.replaceChildren();
  const table = document.createElement('table');
  const row = (key, value) => {
    const tr = table.insertRow();
    const th = document.createElement('th');
    th.textContent = key;
    tr.appendChild(th);
    tr.insertCell().textContent =
        value === null || value === undefined ? '' :
        typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
  row('layer', entry.collection.title || entry.collection.id);
  row('id', feature.getId());
  const props = feature.getProperties();
  for (const key of Object.keys(props).sort()) {
    if (key !== feature.getGeometryName()) row(key, props[key]);
  }
  table.id = 'feature-table';
  box.appendChild(table);
}

let selected = null;  // {entry, feature}
map.on('singleclick', (event) => {
  let hit = null;
  map.forEachFeatureAtPixel(event.pixel, (feature, layer) => {
    hit = {entry: layers.find((l) => l.layer === layer), feature};
    return true;  // the topmost feature
  }, {hitTolerance: 3});
  if (selected) selected.feature.setStyle(undefined);
  selected = hit;
  if (!hit) return;
  hit.feature.setStyle(styleFor(hit.entry.colour, true));
  showFeature(hit.entry, hit.feature);
});

async function start() {
  const {collections = []} = await getJson(ogcUrl('/ogc/collections'));
  collections.forEach((collection, i) => {
    const colour = PALETTE[i % PALETTE.length];
    const layer = new ol.layer.Vector({
      source: itemsSource(collection, updateCounts),
      style: styleFor(colour, false),
    });
    const entry = {collection, colour, layer};
    layers.push(entry);
    addLayerRow(entry);
    map.addLayer(layer);
  });
  const extent = collectionsExtent(collections);
  if (extent) map.getView().fit(extent, {padding: FIT_PADDING, maxZoom: 18});
  updateCounts();
  if (collections.length === 0) setStatus('No layers visible to this agency.');
}

// For tests and the console: the map, its layers and a promise of the next complete render.
window.mdhubMap = {
  map,
  layers,
  rendered: () => new Promise((resolve) => { map.once('rendercomplete', resolve); map.render(); }),
};

start().catch((e) => setStatus(`Cannot list layers: ${e.message}`, true));

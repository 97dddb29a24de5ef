/* ParkLink's offline map: country boundaries from the vendored TopoJSON (world-atlas, ISC) drawn as
   SVG paths in an equirectangular projection, with the organisations' dots on top. Nothing is asked of
   any host but ParkLink itself. */
(function () {
  "use strict";

  const WIDTH = 960;
  const HEIGHT = 480;
  const SVG_NS = "http://www.w3.org/2000/svg";

  function project(longitude, latitude) {
    return [((longitude + 180) / 360) * WIDTH, ((90 - latitude) / 180) * HEIGHT];
  }

  // TopoJSON stores each arc once, quantised and delta-encoded; undo both.
  function decodeArcs(topology) {
    const transform = topology.transform;
    return topology.arcs.map(function (arc) {
      let x = 0;
      let y = 0;
      return arc.map(function (position) {
        if (!transform) {
          return position;
        }
        x += position[0];
        y += position[1];
        return [x * transform.scale[0] + transform.translate[0], y * transform.scale[1] + transform.translate[1]];
      });
    });
  }

  // A ring is a list of arc indexes; ~index means the arc walked backwards. Consecutive arcs share
  // their joining point, so every arc after the first drops its first position.
  function ringPath(ring, arcs) {
    const positions = [];
    ring.forEach(function (index, ringPosition) {
      const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
      arc.forEach(function (position, arcPosition) {
        if (arcPosition > 0 || ringPosition === 0) {
          positions.push(project(position[0], position[1]));
        }
      });
    });
    // A ring that jumps across the antimeridian (Russia, Fiji) would draw a line across the world:
    // lift the pen there instead.
    let broken = false;
    const d = positions.map(function (point, index) {
      const jump = index > 0 && Math.abs(point[0] - positions[index - 1][0]) > WIDTH / 2;
      broken = broken || jump;
      return (index === 0 || jump ? "M" : "L") + point[0].toFixed(1) + "," + point[1].toFixed(1);
    }).join("");
    return broken ? d : d + "Z";
  }

  function geometryPath(geometry, arcs) {
    if (geometry.type === "Polygon") {
      return geometry.arcs.map(function (ring) { return ringPath(ring, arcs); }).join("");
    }
    if (geometry.type === "MultiPolygon") {
      return geometry.arcs.map(function (polygon) {
        return polygon.map(function (ring) { return ringPath(ring, arcs); }).join("");
      }).join("");
    }
    return "";
  }

  function element(name, attributes) {
    const node = document.createElementNS(SVG_NS, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    return node;
  }

  function drawCountries(svg, topology) {
    const arcs = decodeArcs(topology);
    const group = element("g", { class: "map-countries" });
    topology.objects.countries.geometries.forEach(function (geometry) {
      const d = geometryPath(geometry, arcs);
      if (!d) {
        return;
      }
      const path = element("path", { d: d, class: "map-country" });
      const title = element("title", {});
      title.textContent = (geometry.properties && geometry.properties.name) || "";
      path.appendChild(title);
      group.appendChild(path);
    });
    svg.appendChild(group);
  }

  // The part of the map to show for bounds [[south, west], [north, east]]: padded, at least about 15
  // degrees wide so one city is not blown up to the whole frame, in the frame's 2:1 shape, inside the world.
  function zoomBox(bounds) {
    const southWest = project(bounds[0][1], bounds[0][0]);
    const northEast = project(bounds[1][1], bounds[1][0]);
    const centreX = (southWest[0] + northEast[0]) / 2;
    const centreY = (southWest[1] + northEast[1]) / 2;
    let width = Math.max((northEast[0] - southWest[0]) * 1.3, WIDTH / 24);
    let height = Math.max((southWest[1] - northEast[1]) * 1.3, width / 2);
    width = Math.min(Math.max(width, height * 2), WIDTH);
    height = width / 2;
    const x = Math.min(Math.max(centreX - width / 2, 0), WIDTH - width);
    const y = Math.min(Math.max(centreY - height / 2, 0), HEIGHT - height);
    return [x, y, width, height];
  }

  function drawPoints(svg, data, scale) {
    const group = element("g", { class: "map-points" });
    data.points.forEach(function (point) {
      const xy = project(point[2], point[1]);
      const link = element("a", {
        href: data.detail_url.replace("{id}", String(point[0])),
        class: "map-point",
        "data-kind": point[4],
        "aria-label": point[3],
      });
      const dot = element("circle", { cx: xy[0].toFixed(2), cy: xy[1].toFixed(2), r: (3.5 * scale).toFixed(3) });
      const title = element("title", {});
      title.textContent = point[3];
      dot.appendChild(title);
      link.appendChild(dot);
      group.appendChild(link);
    });
    svg.appendChild(group);
  }

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(
      function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      }
    );
  }

  function start() {
    const container = document.getElementById("organisation-map");
    if (!container) {
      return;
    }
    const status = document.getElementById("organisation-map-status");
    const svg = element("svg", {
      viewBox: "0 0 " + WIDTH + " " + HEIGHT,
      role: "img",
      "aria-label": container.dataset.label,
      class: "map-svg",
    });
    container.appendChild(svg);
    const points = container.dataset.pointsUrl ? fetchJson(container.dataset.pointsUrl) : Promise.resolve(null);
    Promise.all([fetchJson(container.dataset.worldUrl), points])
      .then(function (results) {
        drawCountries(svg, results[0]);
        if (results[1]) {
          let scale = 1;
          if (results[1].bounds) {
            const box = zoomBox(results[1].bounds);
            scale = box[2] / WIDTH;
            svg.setAttribute("viewBox", box.map(function (value) { return value.toFixed(1); }).join(" "));
            container.dataset.zoomed = "true";
          }
          drawPoints(svg, results[1], scale);
          status.textContent = container.dataset.countLabel.replace("__count__", String(results[1].count));
        }
        container.dataset.ready = "true";
      })
      .catch(function () {
        status.textContent = container.dataset.errorLabel;
        container.dataset.ready = "error";
      });
  }

  document.addEventListener("DOMContentLoaded", start);
})();

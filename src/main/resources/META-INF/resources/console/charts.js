// Draws the ledger charts with Apache ECharts from the page's JSON endpoint (data-src); no inline scripts (CSP).
(function () {
  "use strict";
  var charts = document.querySelectorAll(".chart[data-src], .chart[data-chart]");
  if (!charts.length || !window.echarts) {
    return;
  }
  var cache = {};
  function load(src) {
    if (!cache[src]) {
      cache[src] = fetch(src, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
        if (!r.ok) {
          throw new Error("HTTP " + r.status);
        }
        return r.json();
      });
    }
    return cache[src];
  }
  Array.prototype.forEach.call(charts, function (el) {
    var data = el.dataset.chart ? Promise.resolve(JSON.parse(el.dataset.chart)) : load(el.dataset.src);
    data.then(function (data) {
      var chart = echarts.init(el, null, { renderer: "svg" });
      var option;
      if (el.dataset.kind === "days") {
        option = {
          tooltip: { trigger: "axis" },
          legend: { data: [el.dataset.answered, el.dataset.refused] },
          xAxis: { type: "category", data: data.days },
          yAxis: { type: "value", minInterval: 1 },
          series: [
            { name: el.dataset.answered, type: "bar", stack: "n", data: data.answered, itemStyle: { color: "#1e7a3c" } },
            { name: el.dataset.refused, type: "bar", stack: "n", data: data.refused, itemStyle: { color: "#b3261e" } }
          ]
        };
      } else if (el.dataset.kind === "compliance") {
        var names = ["answers", "deliveries", "usage", "disposal"];
        var colours = ["#b3261e", "#8a5a00", "#0b5cad", "#5b6673"];
        option = {
          tooltip: { trigger: "axis" },
          legend: { data: names.map(function (n) { return el.dataset[n]; }) },
          xAxis: { type: "category", data: data.departments, axisLabel: { interval: 0, rotate: 20 } },
          yAxis: { type: "value", minInterval: 1 },
          series: names.map(function (n, i) {
            return { name: el.dataset[n], type: "bar", stack: "n", data: data[n], itemStyle: { color: colours[i] } };
          })
        };
      } else {
        var codes = Object.keys(data.refusals);
        option = {
          tooltip: { trigger: "axis" },
          grid: { left: 160 },
          xAxis: { type: "value", minInterval: 1 },
          yAxis: { type: "category", data: codes },
          series: [{ type: "bar", data: codes.map(function (c) { return data.refusals[c]; }), itemStyle: { color: "#b3261e" } }]
        };
      }
      // No animation: the numbers show at once (and for people who prefer reduced motion).
      option.animation = false;
      chart.setOption(option);
      el.setAttribute("data-rendered", "true");
      window.addEventListener("resize", function () { chart.resize(); });
    }).catch(function (e) {
      el.textContent = String(e);
    });
  });
})();

// The dashboard's two charts, drawn by ECharts from the figures embedded in the page (#dashboard-data).
(function () {
  var data = JSON.parse(document.getElementById('dashboard-data').textContent);
  function bar(id, labels, values, colour) {
    var chart = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      grid: { left: 48, right: 16, top: 16, bottom: 56 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels, axisLabel: { rotate: 45 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: values, itemStyle: { color: colour } }]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  bar('chart-months', data.months, data.certificates, '#0b3d6e');
  bar('chart-districts', data.districts, data.subsidy, '#175c1c');
})();

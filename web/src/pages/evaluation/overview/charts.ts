/**
 * The overview's charts: lines for the trends (registered here from echarts/core, beside the bars
 * and grid of components/Chart.tsx), and the options of the trend and side-by-side charts.
 */
import { LineChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import type { ChartOption } from '../../../components/Chart';
import type { Series, Wave } from './model';

echarts.use([LineChart]);

const COLOURS = ['#1f4e8c', '#b35806', '#23600a', '#6a3d9a', '#a8071a', '#00606b'];

const rounded = (v: number | null | undefined) => (v == null ? null : Number(v.toFixed(2)));

/**
 * A jurisdiction's waves with figures: a line per outcome on the scale's axis, and the gap
 * (support − optimism) dashed on an axis of its own at the right.
 */
export function trendOption(
  waves: readonly Wave[],
  outcomes: readonly Series[],
  gap: { readonly name: string; readonly axis: string },
  scale: { readonly min: number; readonly max: number },
): ChartOption {
  return {
    aria: { enabled: true },
    color: COLOURS,
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 8, right: 8, top: 24, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: waves.map((w) => w.row.opensOn), boundaryGap: true },
    yAxis: [
      { type: 'value', min: scale.min, max: scale.max, interval: 1 },
      { type: 'value', name: gap.axis, splitLine: { show: false } },
    ],
    series: [
      ...outcomes.map((o) => ({
        type: 'line',
        name: o.name,
        symbolSize: 8,
        data: waves.map((w) => rounded(w.row.means?.[o.id])),
      })),
      {
        type: 'line',
        name: gap.name,
        yAxisIndex: 1,
        symbol: 'diamond',
        symbolSize: 9,
        lineStyle: { type: 'dashed' },
        data: waves.map((w) => rounded(w.row.gap)),
      },
    ],
  };
}

/** A year's waves side by side: a bar per wave for every scale, scales down the y axis. */
export function compareOption(
  waves: readonly { readonly wave: Wave; readonly label: string }[],
  scales: readonly Series[],
  scale: { readonly min: number; readonly max: number },
): ChartOption {
  return {
    aria: { enabled: true },
    color: COLOURS,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: scale.min, max: scale.max, interval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: scales.map((s) => s.name),
      axisLabel: { width: 110, overflow: 'break' },
    },
    series: waves.map(({ wave, label }) => ({
      type: 'bar',
      name: label,
      barMaxWidth: 14,
      data: scales.map((s) => rounded(wave.row.means?.[s.id])),
    })),
  };
}

/**
 * An ECharts chart as a React component, built from ECharts' modular entry points only
 * (echarts/core plus the charts, components and renderer used here), so that a page pulls in
 * what it draws and nothing else. The chart follows its box's size (ResizeObserver) and is
 * disposed with the component. The canvas is an image to assistive technology: `label` names
 * it, and every chart must have its figures as text beside it (a table or list).
 */
import { BarChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  AriaComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

export interface ChartProps {
  readonly option: ChartOption;
  /** What the chart shows, for screen readers (the figures themselves are beside it as text). */
  readonly label: string;
  readonly height?: number;
  readonly testId?: string;
}

export function Chart({ option, label, height = 320, testId }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a new option (another language, other data) replaces the old one entirely.
    // No motion for those who asked their system for less of it.
    const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    chart.current?.setOption(still ? { ...option, animation: false } : option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      data-testid={testId}
      className="rc-chart"
      style={{ width: '100%', height }}
    />
  );
}

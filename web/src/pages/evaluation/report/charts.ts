/**
 * What the report's charts need of ECharts beyond the shared Chart component's bars and grid
 * (components/Chart.tsx): points (scatter), error bars (a custom series) and the zero line of the
 * forest plot (markLine). Registered once from echarts/core, as the dashboard does, so the page
 * pulls in only these modules. The error bars are drawn by `errorBars`.
 */
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams } from 'echarts';
import { CustomChart, ScatterChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';

echarts.use([ScatterChart, CustomChart, MarkLineComponent]);

/**
 * A custom series' renderItem drawing, for a datum [category index, lower, upper], a line from
 * lower to upper with a cap at each end: vertical over a category x axis, or horizontal over a
 * category y axis (`horizontal`).
 */
export function errorBars(horizontal: boolean, colour = '#000000') {
  return (_params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI) => {
    const at = Number(api.value(0));
    const lo = Number(api.value(1));
    const hi = Number(api.value(2));
    const a = api.coord(horizontal ? [lo, at] : [at, lo]) as number[];
    const b = api.coord(horizontal ? [hi, at] : [at, hi]) as number[];
    const band = (api.size?.(horizontal ? [0, 1] : [1, 0]) as number[] | undefined) ?? [12, 12];
    const cap = Math.min(8, (horizontal ? band[1]! : band[0]!) * 0.15);
    const style = { stroke: colour, lineWidth: 1.5 };
    const line = (x1: number, y1: number, x2: number, y2: number) => ({
      type: 'line' as const,
      shape: { x1, y1, x2, y2 },
      style,
    });
    const [ax, ay] = [a[0]!, a[1]!];
    const [bx, by] = [b[0]!, b[1]!];
    const caps = horizontal
      ? [line(ax, ay - cap, ax, ay + cap), line(bx, by - cap, bx, by + cap)]
      : [line(ax - cap, ay, ax + cap, ay), line(bx - cap, by, bx + cap, by)];
    return { type: 'group' as const, children: [line(ax, ay, bx, by), ...caps] };
  };
}

import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { minorDigits } from '../../format.js';

/** Income in one currency over periods, stacked by method: what the chart draws. */
export interface IncomeSeries {
  currency: string;
  periods: string[];
  /** Per method, one amount (minor units) per period. */
  byMethod: { label: string; amounts: number[] }[];
}

const COLOURS = ['#2563eb', '#16a34a', '#d97706', '#7c3aed', '#dc2626'];

/**
 * A bar chart of income by period, methods stacked. uPlot and its styles load only when a chart is
 * shown (a dynamic import), so neither customers nor the other staff pages download them. The chart
 * is a picture of the table beside it (`tableId`), which carries the figures for a screen reader.
 */
export function IncomeChart({ series, tableId }: { series: IncomeSeries; tableId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let chart: uPlot | undefined;
    let cancelled = false;
    Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (cancelled || !box.current) return;
      const x = series.periods.map((_, i) => i);
      const unit = 10 ** minorDigits(series.currency);
      // Stacked by drawing running totals, the largest first, each bar over the one before.
      const running: number[][] = [];
      series.byMethod.forEach((method, m) => running.push(method.amounts.map((a, i) => a / unit + (m ? running[m - 1]![i]! : 0))));
      const drawn = [...series.byMethod.keys()].reverse();
      const bars = UPlot.paths.bars!({ size: [0.6, 64] });
      chart = new UPlot({
        width: Math.min(box.current.clientWidth || 640, 900),
        height: 260,
        legend: { show: true },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.5, x.length - 0.5] } },
        axes: [
          { values: (_u, ticks) => ticks.map((t) => series.periods[t] ?? ''), splits: () => x },
          { size: 70 },
        ],
        series: [
          {},
          ...drawn.map((m) => ({
            label: series.byMethod[m]!.label, fill: COLOURS[m % COLOURS.length], stroke: COLOURS[m % COLOURS.length], paths: bars, points: { show: false },
          })),
        ],
      }, [x, ...drawn.map((m) => running[m]!)], box.current);
    }, () => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [series]);

  if (failed) return null;
  return <div ref={box} className="chart" role="img" aria-label={`Bar chart of income in ${series.currency}; the figures are in the table that follows.`} aria-describedby={tableId} />;
}

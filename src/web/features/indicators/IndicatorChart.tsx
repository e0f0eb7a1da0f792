/** Target versus actual per period (recharts; loaded lazily so the main bundle stays small). */
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTranslation } from 'react-i18next';
import type { IndicatorSeries, Party } from '../../../contracts';

const COLORS = ['#1c7ed6', '#c2255c', '#2b8a3e'];

export default function IndicatorChart({
  series,
  partyById,
}: {
  series: IndicatorSeries;
  partyById: ReadonlyMap<string, Party>;
}) {
  const { t } = useTranslation();
  const parties = [...new Set(series.points.flatMap((p) => p.actuals.map((a) => a.partyId)))];
  const data = series.points.map((p) => ({
    code: p.code,
    target: p.target,
    ...Object.fromEntries(p.actuals.map((a) => [a.partyId, a.value])),
  }));
  return (
    <div style={{ width: '100%', height: 220 }} role="img" aria-label={t('indicators.chartLabel')}>
      <ResponsiveContainer>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="code" fontSize={12} />
          <YAxis fontSize={12} width={48} />
          <Tooltip />
          <Legend />
          <Line
            type="monotone"
            dataKey="target"
            name={t('indicators.target')}
            stroke="#495057"
            strokeDasharray="5 4"
            connectNulls
          />
          {parties.map((id, i) => (
            <Bar
              key={id}
              dataKey={id}
              name={partyById.get(id)?.code ?? id}
              fill={COLORS[i % COLORS.length]}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

-- A wrk script (wrk -s): after the run, its latency distribution as percentiles in steps of
-- 0.1 % ("percentile P MICROSECONDS" lines; 100 is the slowest request), so that
-- scripts/bench_pages.py can merge the distributions of several runs of one page into the p50
-- and p99 of all its requests.
done = function(summary, latency, requests)
  for i = 1, 999 do
    io.write(string.format("percentile %.1f %d\n", i / 10, latency:percentile(i / 10)))
  end
  io.write(string.format("percentile 100.0 %d\n", latency.max))
end

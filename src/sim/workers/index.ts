/**
 * The worker-model simulation: how Gunicorn worker classes, worker counts, cores, the database
 * pool, `timeout` and the listen backlog shape throughput and latency (chapter 3), and what an
 * `async def` view does and does not change (chapter 7).
 */
export * from './scenario';
export * from './simulate-workers';
export * from './settings';
export * from './sweep-load';
export * from './describe-run';
export * from './erlang-c';
export * from './simulate-async-view';
export * from './async-view-settings';

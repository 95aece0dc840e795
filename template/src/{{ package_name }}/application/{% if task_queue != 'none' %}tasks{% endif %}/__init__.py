"""Background tasks: the task and result types, job queues and the scheduler port."""

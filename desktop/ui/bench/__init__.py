"""The Benchmark tab: view, chart and presenter over services/bench."""

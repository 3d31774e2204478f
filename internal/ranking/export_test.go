package ranking

// AllocationRuns returns how often the service ran the allocation engine.
func AllocationRuns(s *Service) int {
	s.allocs.mu.Lock()
	defer s.allocs.mu.Unlock()
	return s.allocs.runs
}

"""Tests of the Strata template: render matrix, copier update, hooks, docs."""

#pragma once
// Gathers a dataset's facts from the store and applies the step rules of pipeline_steps.hpp.
#include <vector>

#include "steps/dataset_coverage.hpp"
#include "steps/pipeline_steps.hpp"
#include "store/store.hpp"
#include "store/deployment_store.hpp"
#include "store/training_store.hpp"

namespace reinforge::steps {

std::vector<StepState> dataset_steps(store::Store& store, const store::Dataset& dataset,
                                     const store::RecordCounts& counts,
                                     const DatasetCoverage& covered,
                                     store::TrainingStore* runs = nullptr,
                                     store::DeploymentStore* deployments = nullptr,
                                     bool from_traces = false);

}  // namespace reinforge::steps
